#!/usr/bin/env python3
"""Kill `herald welcome` with SIGKILL at random points five times, then let it finish: nobody gets the card twice,
nobody is lost, and no more deliveries are uncertain than the sends a kill can catch on the wire (one per kill with
--concurrency 1; at most the concurrency per kill) plus the ambiguous faults the sim injected.

A delivery is `sending` only while its request is on the wire (Herald waits for the budget first), so a kill leaves
uncertain exactly the sends in flight at that instant: the Connector takes no idempotency key, so no sender can know
whether those arrived.

Starts its own `herald sim` (5% Connector 5xx, 0.5% resets, 1% "applied, then failed") and `herald listen` on
loopback, provisions the tenant with `herald provision`, then runs the wave.

    scripts/welcome-crash.py [--herald .build/debug/herald] [--users 600] [--kills 5] [--concurrency 1]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heraldproc import start, free_port  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/debug/herald")
    parser.add_argument("--users", type=int, default=600)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="herald-welcome-crash-")
    env, store = os.path.join(folder, "sim.env"), "sqlite:" + os.path.join(folder, "herald.db")
    port = free_port()
    sim, _ = start([args.herald, "sim", "--port", "0", "--users", str(args.users), "--seed", str(args.seed), "--speed", "10", "--env-out", env,
                 "--bot-endpoint", f"http://127.0.0.1:{port}/api/messages", "--connector-faults", "0.05", "--reset-rate", "0.005",
                 "--applied-faults", "0.01"], "env file")
    listen, _ = start([args.herald, "listen", "--port", str(port), "--env-file", env, "--store", store], "/api/messages")
    checks = []
    try:
        subprocess.run([args.herald, "provision", "--all-users", "--env-file", env, "--store", store, "--no-validate", "--batch", "b",
                        "--reference-timeout", "5"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        command = [args.herald, "welcome", "--wave", "crash", "--batch", "b", "--env-file", env, "--store", store, "--lease", "3", "--json", "--concurrency", str(args.concurrency),
                   "--card", "manifests/welcome-card.json", "--manifest", "manifests/manifest.json"]
        kills = 0
        for _ in range(args.kills):
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            wanted, seen = random.randint(10, 80), 0
            for _line in process.stdout:
                seen += 1
                if seen >= wanted:
                    break
            process.kill()
            process.wait()
            kills += 1
            print(f"killed herald welcome with SIGKILL after {seen} people", flush=True)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        status = json.loads(subprocess.run([args.herald, "status", "--wave", "crash", "--json", "--store", store],
                                           capture_output=True, text=True).stdout)
        batch = json.loads(subprocess.run([args.herald, "status", "b", "--json", "--store", store], capture_output=True, text=True).stdout)
        values = dict(line.split("=", 1) for line in open(env).read().splitlines() if "=" in line and not line.startswith("#"))
        base = values["HERALD_GRAPH_URL"].replace("/graph/v1.0", "")
        messages = json.load(urllib.request.urlopen(base + "/_sim/messages"))["messages"]
        faults = json.load(urllib.request.urlopen(base + "/_sim/counters"))["faults"]
        per_user = {}
        for message in messages:
            per_user[message["userId"]] = per_user.get(message["userId"], 0) + 1
        ambiguous = sum(count for key, count in faults.items() if "reset" in key or "504" in key or "applied" in key)
        uncertain = status["states"].get("uncertain", 0)
        print(f"wave: {status}")
        print(f"{len(messages)} messages to {len(per_user)} people; {kills} kills, {ambiguous} ambiguous faults injected", flush=True)
        checks.append(("nobody got the card twice", all(count == 1 for count in per_user.values())))
        checks.append(("nobody lost", status["total"] == batch["states"].get("referenced", 0)
                       and set(status["states"]) <= {"sent", "failed", "skipped", "uncertain"}))
        checks.append(("every sent delivery is in the sim's record", status["states"].get("sent", 0) <= len(per_user)))
        bound = kills * args.concurrency + ambiguous
        checks.append((f"uncertain ({uncertain}) ≤ kills × concurrency + ambiguous faults ({kills} × {args.concurrency} + {ambiguous})",
                       uncertain <= bound))
    finally:
        for process in (sim, listen):
            process.terminate()
            process.wait()
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    failed = sum(1 for _, passed in checks if not passed)
    print(f"{len(checks) - failed} passed, {failed} failed")
    sys.exit(1 if failed or not checks else 0)


if __name__ == "__main__":
    main()
