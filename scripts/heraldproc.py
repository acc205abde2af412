"""What the crash scripts and the benchmarks share: starting herald processes, free loopback ports, a process's
CPU time, and the sim's inspection routes."""
import json
import os
import socket
import subprocess
import threading
import urllib.request


def start(command, marker):
    """Starts a long-running command and reads its output up to `marker`, then keeps draining it (a full pipe would
    block the process on its next log line). Returns the process and what it printed until then."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ""
    while marker not in output:
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"{command[1]} stopped before it was ready:\n{output}")
        output += line
    threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
    return process, output


def free_port():
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid):
    """User and system CPU seconds the process has used (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def get(url):
    """A JSON GET (the sim's /_sim/ routes)."""
    return json.load(urllib.request.urlopen(url, timeout=10))
