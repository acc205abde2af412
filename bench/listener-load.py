#!/usr/bin/env python3
"""Load `herald listen` with signed installationUpdate activities and print activities/s and latency.

Starts `herald sim` (for its OpenID metadata, keys and a minted channel token) and `herald listen`
(release build, SQLite store on disk), then runs wrk from a second process on loopback: every request
is a personal install of one of --users users, and every request is a full RS256 verification and a
durable store write (committed with the WAL synced; the peer syncs too). Build first: swift build -c release --product herald; needs wrk (Debian package).

    bench/listener-load.py [--herald .build/release/herald] [--seconds 10] [--connections 32] [--users 20000]
                           [--rounds 3] [--peer-python .venv-peer/bin/python]
"""
import argparse
import json
import os
import sys
import pathlib
import re
import statistics
import urllib.error
import subprocess
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from heraldproc import start, free_port, cpu_seconds  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", default=".build/release/herald")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--db", help="the SQLite file (default: a new one per round in a temporary folder)")
    parser.add_argument("--tokens", type=int, default=1, help="rotate this many distinct channel tokens (Teams reuses one for up to an hour; more defeats herald's decoded-token memo)")
    parser.add_argument("--rounds", type=int, default=1, help="load each server this many times, alternating, and print the medians")
    parser.add_argument("--postgres", action="store_true", help="also load herald listen on PostgreSQL: a local cluster with fsync on (scripts/postgres-cluster start --durable), a fresh database per round")
    parser.add_argument("--peer-python", help="also load the botbuilder-integration-aiohttp peer (bench/peer) with this Python, which has bench/peer/requirements.txt installed")
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="herald-bench-"))
    cluster = start_cluster() if args.postgres else None
    sim, _ = start([args.herald, "sim", "--port", "0", "--users", "10", "--env-out", str(work / "sim.env"), "--bot-endpoint", "http://127.0.0.1:9/none"], "env file")
    env = dict(line.split("=", 1) for line in (work / "sim.env").read_text().splitlines() if "=" in line and not line.startswith("#"))
    base = env["HERALD_GRAPH_URL"].rsplit("/graph/", 1)[0]
    service_url = env["HERALD_SERVICE_URL"]
    try:
        claims = {"iss": "https://api.botframework.com", "aud": env["MicrosoftAppId"], "serviceurl": service_url, "nbf": 0, "exp": 4102444800}
        tokens = []
        for index in range(args.tokens):
            mint = dict(claims, jti=f"bench-{index}")
            request = urllib.request.Request(base + "/_sim/tokens", data=json.dumps(mint).encode(), method="POST", headers={"Content-Type": "application/json"})
            tokens.append(json.load(urllib.request.urlopen(request))["token"])
        token = tokens[0]
        script = write_script(work, env, service_url, tokens, args.users)
        results = {}
        for round_ in range(1, args.rounds + 1):
            db = f"{args.db}.{round_}" if args.db and args.rounds > 1 else args.db or work / f"herald-{round_}.db"
            listen, banner = start([args.herald, "listen", "--port", "0", "--env-file", str(work / "sim.env"), "--store", f"sqlite:{db}"], "herald listen:")
            try:
                result = load("herald listen", re.search(r"(http://\S+/api/messages)", banner).group(1), script, token, args, listen.pid)
                results.setdefault("herald listen", []).append(result)
            finally:
                listen.terminate()
                listen.wait()
            if cluster:
                url = create_database(cluster, f"herald_bench_{round_}")
                listen, banner = start([args.herald, "listen", "--port", "0", "--env-file", str(work / "sim.env"), "--store", url], "herald listen:")
                try:
                    result = load("herald listen (PostgreSQL)", re.search(r"(http://\S+/api/messages)", banner).group(1), script, token, args, listen.pid)
                    results.setdefault("herald listen (PostgreSQL)", []).append(result)
                finally:
                    listen.terminate()
                    listen.wait()
            if args.peer_python:
                port = free_port()
                peer, _ = start([args.peer_python, str(pathlib.Path(__file__).parent / "peer" / "botbuilder_listener.py"), "--port", str(port), "--app-id", env["MicrosoftAppId"],
                                 "--metadata", env["HERALD_OPENID_METADATA_URL"], "--db", str(work / f"peer-{round_}.db")], "peer listening")
                try:
                    result = load("botbuilder-integration-aiohttp peer", f"http://127.0.0.1:{port}/api/messages", script, token, args, peer.pid)
                    results.setdefault("peer", []).append(result)
                finally:
                    peer.terminate()
                    peer.wait()
        if args.rounds > 1 or args.peer_python:
            medians = {name: statistics.median(rates) for name, rates in results.items()}
            line = f"median of {args.rounds} round(s): herald listen {medians['herald listen']:,.0f} activities/s"
            if "peer" in medians:
                line += f", peer {medians['peer']:,.0f} activities/s: {medians['herald listen'] / medians['peer']:.1f}x the peer"
            if "herald listen (PostgreSQL)" in medians:
                line += f"; herald listen on PostgreSQL {medians['herald listen (PostgreSQL)']:,.0f} activities/s"
            print(line, flush=True)
    finally:
        sim.terminate()
        sim.wait()
        if cluster:
            subprocess.run([str(SCRIPTS / "postgres-cluster"), "stop"], env=dict(os.environ, **cluster), check=False)


SCRIPTS = pathlib.Path(__file__).resolve().parent.parent / "scripts"


def start_cluster():
    """A throwaway PostgreSQL cluster with fsync on, as scripts/postgres-cluster makes it."""
    out = subprocess.run([str(SCRIPTS / "postgres-cluster"), "start", "--durable"], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"export (\w+)=(\S+)", out))


def create_database(cluster, name):
    """A fresh database on the cluster; returns its store URL."""
    admin = cluster["HERALD_TEST_POSTGRES_URL"]
    subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True)
    return admin.rsplit("/", 1)[0] + "/" + name


def write_script(work, env, service_url, tokens, users):
    tenant = env["MicrosoftAppTenantId"]
    bodies = []
    for index in range(users):
        user = f"{index:08d}-0000-4000-8000-000000000000"
        bodies.append(json.dumps({
            "type": "installationUpdate", "action": "add", "id": f"f:{index}", "timestamp": "2026-11-24T10:00:00.000Z", "channelId": "msteams",
            "serviceUrl": service_url, "from": {"id": f"29:{index}", "aadObjectId": user}, "recipient": {"id": "28:" + env["MicrosoftAppId"]},
            "conversation": {"conversationType": "personal", "tenantId": tenant, "id": f"a:{index}"},
            "channelData": {"tenant": {"id": tenant}}}))
    script = work / "bodies.lua"
    script.write_text("bodies = {" + ",".join(json.dumps(b) for b in bodies) + "}\n"
                      + "tokens = {" + ",".join(json.dumps("Bearer " + t) for t in tokens) + "}\n" + """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = tokens[(counter % #tokens) + 1]}, bodies[(counter % #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.1f %.1f %.1f\\n", summary.requests, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max))
end
""")
    return script


def load(name, endpoint, script, token, args, pid):
    warm = json.dumps({"type": "typing", "channelId": "msteams", "serviceUrl": "x"})
    for _ in range(100):  # the peer says it listens a moment before it does
        try:
            urllib.request.urlopen(urllib.request.Request(endpoint, data=warm.encode(), method="POST", headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})).read()
            break
        except urllib.error.HTTPError:
            break  # the warm-up only makes the server fetch its keys
        except urllib.error.URLError:
            time.sleep(0.1)
    cpu_before = cpu_seconds(pid)
    output = subprocess.run(["wrk", "-t", "1", "-c", str(args.connections), "-d", f"{args.seconds}s", "-s", str(script), endpoint],
                            capture_output=True, text=True).stdout
    cpu = cpu_seconds(pid) - cpu_before
    requests, errors, duration, p50, p99, worst = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", output).groups()
    rate = int(requests) / (int(duration) / 1e6)
    print(f"{name}: {rate:,.0f} activities/s, p50 {float(p50)/1000:.2f} ms, p99 {float(p99)/1000:.2f} ms, max {float(worst)/1000:.1f} ms, "
          f"{cpu / int(requests) * 1e6:.0f} µs CPU per activity, {errors} non-2xx, {args.connections} connections, {args.seconds} s, token verification + durable store write per activity", flush=True)
    return rate

if __name__ == "__main__":
    main()
