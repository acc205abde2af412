#!/usr/bin/env python3
"""A Company-Communicator-style sender, for bench/welcome-throughput.py to compare Herald with: a fixed number of
senders (30) posting the card to each stored conversation, retrying a 429 after its Retry-After (or a second),
with no client-side budget; any other failure is counted, not retried.

    cc_sender.py --env-file sim.env --refs refs.json --card card.json [--concurrency 30]

Prints one JSON object: people, sent, failed, throttled (429 answers seen), seconds.
"""
import argparse
import http.client
import json
import queue
import threading
import time
import urllib.parse


def token(values):
    login = urllib.parse.urlsplit(values["HERALD_LOGIN_URL"])
    connection = http.client.HTTPConnection(login.hostname, login.port, timeout=30)
    form = urllib.parse.urlencode({
        "grant_type": "client_credentials", "client_id": values["MicrosoftAppId"], "client_secret": values["MicrosoftAppPassword"],
        "scope": "https://api.botframework.com/.default"})
    connection.request("POST", f"{login.path}/{values['MicrosoftAppTenantId']}/oauth2/v2.0/token", body=form,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    return json.loads(connection.getresponse().read())["access_token"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--refs", required=True)
    parser.add_argument("--card", required=True)
    parser.add_argument("--concurrency", type=int, default=30)
    args = parser.parse_args()
    values = {}
    for line in open(args.env_file).read().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            values[name] = value
    refs = [ref for ref in json.load(open(args.refs)) if ref.get("active")]
    card = json.load(open(args.card))
    body = json.dumps({"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}).encode()
    bearer = "Bearer " + token(values)
    work = queue.Queue()
    for ref in refs:
        work.put(ref)
    outcome = {"sent": 0, "failed": 0, "throttled": 0}
    lock = threading.Lock()
    started = time.time()

    def sender():
        connections = {}
        while True:
            try:
                ref = work.get_nowait()
            except queue.Empty:
                return
            service = urllib.parse.urlsplit(ref["serviceURL"])
            path = service.path.rstrip("/") + "/v3/conversations/" + urllib.parse.quote(ref["conversationId"], safe="") + "/activities"
            result = "failed"
            for _ in range(20):
                try:
                    connection = connections.get(service.netloc) or http.client.HTTPConnection(service.hostname, service.port, timeout=30)
                    connections[service.netloc] = connection
                    connection.request("POST", path, body=body, headers={"Authorization": bearer, "Content-Type": "application/json"})
                    response = connection.getresponse()
                    response.read()
                except (ConnectionError, http.client.HTTPException, OSError):
                    connections.pop(service.netloc, None)
                    break
                if response.status == 429:
                    with lock:
                        outcome["throttled"] += 1
                    time.sleep(float(response.getheader("Retry-After") or 1))
                    continue
                result = "sent" if response.status in (200, 201) else "failed"
                break
            with lock:
                outcome[result] += 1

    threads = [threading.Thread(target=sender) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"people": len(refs), **outcome, "seconds": round(time.time() - started, 2)}))


if __name__ == "__main__":
    main()
