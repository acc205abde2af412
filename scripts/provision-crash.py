#!/usr/bin/env python3
"""herald provision killed with SIGKILL at random points, three times, then run to the end, beside an
uninterrupted run on a second simulator of the same tenant: nobody installed twice with a 201, nobody lost,
and the same final state for every person. Starts its own `herald sim` and `herald listen` on loopback.

    scripts/provision-crash.py --herald .build/debug/herald [--users 600] [--seed 7]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from heraldproc import start, free_port  # noqa: E402


def tenant(herald, folder, users, seed):
    """A simulator posting its activities to a listener on a port chosen first (the listener reads the sim's env
    file for the bot id and the key metadata); returns (processes, env file, store)."""
    env = os.path.join(folder, "sim.env")
    store = "sqlite:" + os.path.join(folder, "herald.db")
    port = free_port()
    sim, _ = start([herald, "sim", "--port", "0", "--users", str(users), "--seed", str(seed), "--speed", "10", "--env-out", env,
                    "--bot-endpoint", f"http://127.0.0.1:{port}/api/messages"], "env file")
    listen, _ = start([herald, "listen", "--port", str(port), "--env-file", env, "--store", store], "/api/messages")
    return [sim, listen], env, store


def provision_arguments(herald, env, store, folder):
    return [herald, "provision", "--all-users", "--env-file", env, "--store", store, "--no-validate", "--batch", "crash", "--json",
            "--reference-timeout", "2", "--lease", "4", "--report", os.path.join(folder, "report.csv")]


def outcome(herald, env, store, folder):
    status = json.loads(subprocess.run([herald, "status", "crash", "--json", "--store", store], capture_output=True, text=True).stdout)
    with open(os.path.join(folder, "report.csv")) as report:
        # user, state, reason, last status; the request id differs from sim to sim.
        rows = sorted(",".join(line.split(",")[:4]) for line in report.read().splitlines()[1:])
    values = dict(line.split("=", 1) for line in open(env).read().splitlines() if "=" in line and not line.startswith("#"))
    base = values["HERALD_GRAPH_URL"].replace("/graph/v1.0", "")
    installs = json.load(urllib.request.urlopen(base + "/_sim/installs"))["users"]
    routes = json.load(urllib.request.urlopen(base + "/_sim/counters"))["routes"]
    return status, rows, installs, routes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/debug/herald")
    parser.add_argument("--users", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    results = {}
    for interrupted in (False, True):
        folder = tempfile.mkdtemp(prefix="herald-crash-")
        processes, env, store = tenant(args.herald, folder, args.users, args.seed)
        try:
            command = provision_arguments(args.herald, env, store, folder)
            if interrupted:
                for _ in range(3):
                    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                    wanted, seen = random.randint(20, 150), 0
                    for _line in process.stdout:
                        seen += 1
                        if seen >= wanted:
                            break
                    process.kill()
                    process.wait()
                    print(f"killed herald provision with SIGKILL after {seen} people", flush=True)
            started = time.time()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results[interrupted] = outcome(args.herald, env, store, folder)
            print(f"{'interrupted' if interrupted else 'uninterrupted'} run finished in {time.time() - started:.1f} s: {results[interrupted][0]}", flush=True)
        finally:
            for process in processes:
                process.terminate()
                process.wait()
    checks = []
    (status, rows, _, _), (killed_status, killed_rows, killed_installs, killed_routes) = results[False], results[True]
    checks.append(("nobody lost", killed_status["total"] == args.users))
    checks.append(("everyone in a terminal state", set(killed_status["states"]) <= {"referenced", "failed", "skipped"}))
    checks.append(("nobody got a second 201", all(user["created"] <= 1 for user in killed_installs)))
    checks.append(("the same states as the uninterrupted run", killed_status == status and killed_rows == rows))
    # The preinstalled (2% of the generated tenant) get no install activity; everyone else's reference comes from one.
    fallbacks = killed_routes.get("POST /v3/conversations", 0)
    checks.append((f"references from install activities ({fallbacks} Connector fallbacks)", fallbacks <= args.users // 20))
    for name, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    failed = sum(1 for _, passed in checks if not passed)
    print(f"{len(checks) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
