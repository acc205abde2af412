#!/usr/bin/env python3
"""Send a welcome wave with `herald welcome` and with a Company-Communicator-style sender (fixed concurrency 30,
retry on 429, no client-side budget), against the same `herald sim` configuration, and print sends per second
against the sim's tenant limit and the share of sends answered 429.

Each strategy gets its own `herald sim --speed 10` (the bot's tenant limit, 50 sends per second, scaled to 500) with
faults on (5% Connector 5xx, 0.5% resets) and a tenant provisioned with `herald provision` (and `herald listen`) first;
the sim's counters and record are then reset, keeping its installs and conversations. A sampler reads `/_sim/counters` every 100 ms; the send window runs from the first send
the sim saw to the last. Build first: swift build -c release --product herald.

    bench/welcome-throughput.py [--herald .build/release/herald] [--users 6000] [--connector-faults 0.05] [--skip-peer]

Columns: people (stored references), seconds (the send window), sends/s ÷ limit (every send the sim answered, faulted
ones included, in the window), the steady pace (between 5% and 95% of the sends, without the start and the tail of
retries after back-off), the same with the conversations created to heal deleted chats (they spend the same
budget), the sends not answered 429, the messages in the sim's record, the 429 share of sends, and CPU seconds of
the strategy and the sim during the wave.
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
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from heraldproc import start, free_port, cpu_seconds, get  # noqa: E402

SPEED = 10
LIMIT = 50 * SPEED
ROUTE = "POST /v3/conversations/{id}/activities"


class Sampler(threading.Thread):
    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.first, self.last, self.count, self.stop = base, None, None, 0, threading.Event()
        self.samples = []

    def run(self):
        while not self.stop.is_set():
            now = time.time()
            count = get(self.base + "/_sim/counters")["routes"].get(ROUTE, 0)
            self.samples.append((now, count))
            if count and self.first is None:
                self.first = now
            if count != self.count:
                self.count, self.last = count, now
            self.stop.wait(0.1)

    def steady_rate(self):
        """Sends per second between 5% and 95% of the sends: the pace without the start and the tail of retries."""
        if not self.samples or not self.count:
            return 0.0
        low = next(s for s in self.samples if s[1] >= 0.05 * self.count)
        high = next(s for s in self.samples if s[1] >= 0.95 * self.count)
        return (high[1] - low[1]) / max(high[0] - low[0], 0.1)


def measure(name, args, folder, card):
    env = os.path.join(folder, f"{name}.env")
    store = "sqlite:" + os.path.join(folder, f"{name}.db")
    port = free_port()
    sim, _ = start([args.herald, "sim", "--port", "0", "--users", str(args.users), "--seed", str(args.seed), "--speed", str(SPEED), "--env-out", env,
                 "--bot-endpoint", f"http://127.0.0.1:{port}/api/messages", "--connector-faults", str(args.connector_faults),
                 "--reset-rate", str(args.reset_rate)], "env file")
    listen, _ = start([args.herald, "listen", "--port", str(port), "--env-file", env, "--store", store], "/api/messages")
    try:
        subprocess.run([args.herald, "provision", "--all-users", "--env-file", env, "--store", store, "--no-validate", "--batch", "b",
                        "--reference-timeout", "5"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        listen.terminate()
        listen.wait()
        values = dict(line.split("=", 1) for line in open(env).read().splitlines() if "=" in line and not line.startswith("#"))
        base = values["HERALD_GRAPH_URL"].replace("/graph/v1.0", "")
        # Count the wave alone: the sim forgets provisioning's requests, keeping its installs and conversations.
        urllib.request.urlopen(urllib.request.Request(base + "/_sim/reset", method="POST", data=b"{}"), timeout=10)
        refs = os.path.join(folder, f"{name}-refs.json")
        with open(refs, "w") as out:
            subprocess.run([args.herald, "refs", "--store", store, "--json"], stdout=out, check=True)
        people = sum(1 for ref in json.load(open(refs)) if ref.get("active"))
        if name == "herald":
            command = [args.herald, "welcome", "--wave", "bench", "--all", "--env-file", env, "--store", store, "--card", card,
                       "--manifest", "manifests/manifest.json", "--json", "--concurrency", str(args.concurrency)]
        else:
            command = [sys.executable, os.path.join(os.path.dirname(__file__), "peer", "cc_sender.py"), "--env-file", env, "--refs", refs,
                       "--card", card]
        sampler = Sampler(base)
        sampler.start()
        sim_cpu = cpu_seconds(sim.pid)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(command, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        sampler.stop.set()
        sampler.join()
        counters = get(base + "/_sim/counters")
        messages = get(base + "/_sim/messages")["messages"]
        sends = counters["routes"].get(ROUTE, 0)
        # Creating a conversation (a deleted chat healed) spends the same tenant budget as a send.
        creates = counters["routes"].get("POST /v3/conversations", 0)
        window = max((sampler.last or 0) - (sampler.first or 0), 0.1)
        return {
            "strategy": name, "people": people, "seconds": window, "rate": sends / window / LIMIT, "steady": sampler.steady_rate() / LIMIT, "budget": (sends + creates) / window / LIMIT,
            "accepted": (sends - counters.get("throttled", {}).get("connector", 0)) / window / LIMIT, "sent": len(messages),
            "throttled": counters.get("throttled", {}).get("connector", 0) / max(sends, 1),
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), "sim_cpu": cpu_seconds(sim.pid) - sim_cpu,
            "exit": result.returncode, "tail": result.stdout.strip().splitlines()[-1:] if result.stdout else [],
        }
    finally:
        for process in (sim, listen):
            if process.poll() is None:
                process.terminate()
                process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/release/herald")
    parser.add_argument("--users", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--connector-faults", type=float, default=0.05)
    parser.add_argument("--reset-rate", type=float, default=0.005)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="herald-welcome-bench-")
    card = os.path.join(folder, "card.json")
    with open(card, "w") as out:
        json.dump({"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Welcome, ${givenName}!", "wrap": True}]}, out)
    print(f"{args.users} users, sim --speed {SPEED} (tenant limit {LIMIT} sends/s), {args.connector_faults:.1%} Connector 5xx, "
          f"{args.reset_rate:.1%} resets", flush=True)
    rows = [measure("herald", args, folder, card)]
    if not args.skip_peer:
        rows.append(measure("company-communicator-style", args, folder, card))
    print("| strategy | people | send window s | sends/s ÷ limit | steady sends/s ÷ limit | sends and creates/s ÷ limit "
          "| not answered 429 /s ÷ limit | messages in the sim | 429 share of sends | CPU s (strategy / sim) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(f"| {row['strategy']} | {row['people']} | {row['seconds']:.1f} | {row['rate']:.3f} | {row['steady']:.3f} | {row['budget']:.3f} "
              f"| {row['accepted']:.3f} "
              f"| {row['sent']} "
              f"| {row['throttled']:.2%} "
              f"| {row['cpu']:.1f} / {row['sim_cpu']:.1f} |")
    for row in rows:
        if row["exit"] not in (0, 1):
            print(f"{row['strategy']} exited {row['exit']}: {row['tail']}", file=sys.stderr)


if __name__ == "__main__":
    main()
