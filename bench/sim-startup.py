#!/usr/bin/env python3
"""Time `herald sim` from launch until it serves (its banner's last line), for the issue's target of
under a second with --users 1000. Build first: swift build -c release --product herald

    bench/sim-startup.py [--herald .build/release/herald] [--users 1000] [--runs 5]
"""
import argparse
import statistics
import subprocess
import tempfile
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/release/herald")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        env_out = tempfile.mktemp(suffix=".env")
        start = time.monotonic()
        process = subprocess.Popen([args.herald, "sim", "--users", str(args.users), "--port", "0", "--env-out", env_out],
                                   stdout=subprocess.PIPE, text=True)
        for line in process.stdout:
            if line.strip().startswith("env file"):
                break
        times.append(time.monotonic() - start)
        process.terminate()
        process.wait()
    print(f"herald sim --users {args.users}: ready in median {statistics.median(times):.3f} s, max {max(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
