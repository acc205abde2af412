#!/usr/bin/env python3
"""Provision a generated tenant with `herald provision` and with a Company-Communicator-style strategy, against the
same `herald sim` configuration, and print installs per second against the sim's installedApps limit, Graph calls
per person and the share of requests answered 429.

Each strategy gets its own `herald sim` (same seed, same faults, `--speed 10`: the installedApps limit is 30 per
second scaled to 300) and Herald gets `herald listen` beside it (SQLite store). A sampler reads `/_sim/counters`
every 100 ms; the install window runs from the first install POST the sim saw to the last. Build first:
swift build -c release --product herald.

    bench/provision-throughput.py [--herald .build/release/herald] [--users 6000] [--graph-faults 0.05]
                                  [--reset-rate 0.005] [--drop-rate 0.05] [--reference-timeout 5] [--skip-peer]

Columns: people (members provisioned; guests left out), seconds (the whole run), install POSTs/s ÷ limit (every
install request the sim answered, faulted ones included), installs/s ÷ limit (answered 201 or 409), people/s, Graph
calls per installed person (every Graph request of the run: paging, lookups, fallbacks, retries), 429 share of
Graph requests, and CPU seconds of the strategy, the sim and the listener.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from heraldproc import start, free_port, cpu_seconds, get  # noqa: E402

SPEED = 10
LIMIT = 30 * SPEED


class Sampler(threading.Thread):
    """Notes when the sim saw its first and its last install POST."""

    ROUTE = "POST /users/{id}/teamwork/installedApps"

    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.first, self.last, self.count, self.stop = base, None, None, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            now = time.time()
            count = get(self.base + "/_sim/counters")["routes"].get(self.ROUTE, 0)
            if count and self.first is None:
                self.first = now
            if count != self.count:
                self.count, self.last = count, now
            self.stop.wait(0.1)


def measure(name, command, args, folder, with_listener):
    env = os.path.join(folder, f"{name}.env")
    store = "sqlite:" + os.path.join(folder, f"{name}.db")
    port = free_port()
    sim, _ = start([args.herald, "sim", "--port", "0", "--users", str(args.users), "--seed", str(args.seed), "--speed", str(SPEED),
                 "--env-out", env, "--bot-endpoint", f"http://127.0.0.1:{port}/api/messages", "--graph-faults", str(args.graph_faults),
                 "--reset-rate", str(args.reset_rate), "--drop-rate", str(args.drop_rate)], "env file")
    processes = [sim]
    if with_listener:
        processes.append(start([args.herald, "listen", "--port", str(port), "--env-file", env, "--store", store], "/api/messages")[0])
    try:
        values = dict(line.split("=", 1) for line in open(env).read().splitlines() if "=" in line and not line.startswith("#"))
        base = values["HERALD_GRAPH_URL"].replace("/graph/v1.0", "")
        sampler = Sampler(base)
        sampler.start()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.time()
        result = subprocess.run(command(env, store), capture_output=True, text=True)
        seconds = time.time() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        sampler.stop.set()
        sampler.join()
        counters = get(base + "/_sim/counters")
        installs = get(base + "/_sim/installs")["users"]
        graph_requests = sum(count for route, count in counters["routes"].items() if not route.startswith(("POST /v3/", "GET /v3/", "POST /{id}/oauth2")))
        installed = sum(1 for user in installs if user["created"] + user["conflict"] > 0)
        answered = sum(user["created"] + user["conflict"] for user in installs)
        window = max((sampler.last or started) - (sampler.first or started), 0.1)
        people = parse_people(name, result, store, args)
        return {
            "strategy": name, "people": people, "seconds": seconds,
            "posts": sampler.count / window / LIMIT, "installs": answered / window / LIMIT, "rate": people / seconds,
            "calls": graph_requests / max(installed, 1), "throttled": counters.get("throttled", {}).get("graph", 0) / max(graph_requests, 1),
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "sim_cpu": cpu_seconds(sim.pid), "listener_cpu": cpu_seconds(processes[1].pid) if with_listener else 0.0,
            "connector": counters["routes"].get("POST /v3/conversations", 0), "exit": result.returncode,
        }
    finally:
        for process in processes:
            process.terminate()
            process.wait()


def parse_people(name, result, store, args):
    if name == "herald":
        status = json.loads(subprocess.run([args.herald, "status", "bench", "--json", "--store", store], capture_output=True, text=True).stdout)
        return status["states"].get("referenced", 0)
    return json.loads(result.stdout.strip().splitlines()[-1])["provisioned"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/release/herald")
    parser.add_argument("--users", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--graph-faults", type=float, default=0.05)
    parser.add_argument("--reset-rate", type=float, default=0.005)
    parser.add_argument("--drop-rate", type=float, default=0.05)
    parser.add_argument("--reference-timeout", type=float, default=5)
    parser.add_argument("--peer-concurrency", type=int, default=32)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="herald-provision-bench-")
    herald = lambda env, store: [args.herald, "provision", "--all-users", "--env-file", env, "--store", store, "--no-validate", "--batch", "bench",
                                 "--json", "--reference-timeout", str(args.reference_timeout)]
    peer = lambda env, store: [sys.executable, os.path.join(os.path.dirname(__file__), "peer", "cc_provision.py"), "--env-file", env,
                               "--concurrency", str(args.peer_concurrency)]
    print(f"{args.users} users, sim --speed {SPEED} (installedApps limit {LIMIT}/s), {args.graph_faults:.1%} Graph 5xx, "
          f"{args.reset_rate:.1%} resets, {args.drop_rate:.1%} dropped install activities", flush=True)
    rows = [measure("herald", herald, args, folder, True)]
    if not args.skip_peer:
        rows.append(measure("company-communicator-style", peer, args, folder, False))
    print("| strategy | people | seconds | install POSTs/s ÷ limit | installs/s ÷ limit | people/s | Graph calls/person | 429 share "
          "| CPU s (strategy / sim / listener) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(f"| {row['strategy']} | {row['people']} | {row['seconds']:.1f} | {row['posts']:.3f} | {row['installs']:.3f} | {row['rate']:.1f} "
              f"| {row['calls']:.3f} | {row['throttled']:.2%} | {row['cpu']:.1f} / {row['sim_cpu']:.1f} / {row['listener_cpu']:.1f} |")
    for row in rows:
        if row["exit"] not in (0, 1):
            print(f"{row['strategy']} exited {row['exit']}", file=sys.stderr)
    print(f"Connector fallbacks (herald): {rows[0]['connector']}")


if __name__ == "__main__":
    main()
