#!/usr/bin/env python3
"""A Company-Communicator-style provisioning strategy, for bench/provision-throughput.py to compare Herald with.

It reproduces the sequence Company Communicator documents for a user it has no conversation for (not its code):
install the app for the user (`POST /users/{id}/teamwork/installedApps`), list the user's installations of the
app (`GET /users/{id}/teamwork/installedApps?$filter=teamsApp/id eq '{app}'`), then get that installation's chat
(`GET .../installedApps/{id}/chat`): three Graph calls per person, all three on the installedApps limit. Like
the Graph SDK's retry handler it honours Retry-After on 429 and retries 503/504 (and, to be generous, any 5xx and
a dropped connection) with exponential back-off. Guests are left out, as Company Communicator does.

    cc_provision.py --env-file sim.env [--concurrency 32]

Prints one JSON object: people, provisioned, failed, seconds.
"""
import argparse
import http.client
import json
import queue
import threading
import time
import urllib.parse


class Graph:
    """One keep-alive connection per thread to the Graph base URL, with the SDK's retry habits."""

    def __init__(self, base, token):
        self.base = urllib.parse.urlsplit(base)
        self.token = token
        self.local = threading.local()

    def connection(self):
        if getattr(self.local, "connection", None) is None:
            self.local.connection = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=30)
        return self.local.connection

    def call(self, method, path, body=None, tries=6):
        url = path if path.startswith("http") else self.base.path + path
        if url.startswith("http"):
            parts = urllib.parse.urlsplit(url)
            url = parts.path + ("?" + parts.query if parts.query else "")
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(tries):
            try:
                connection = self.connection()
                connection.request(method, url, body=data, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.local.connection = None
                time.sleep(min(0.1 * 2**attempt, 2))
                continue
            if response.status == 429 or response.status >= 500:
                wait = response.getheader("Retry-After")
                time.sleep(float(wait) if wait else min(0.1 * 2**attempt, 2))
                continue
            return response.status, (json.loads(payload) if payload else None)
        return 0, None


def env(path):
    values = {}
    for line in open(path).read().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            values[name] = value
    return values


def token(values):
    login = urllib.parse.urlsplit(values["HERALD_LOGIN_URL"])
    connection = http.client.HTTPConnection(login.hostname, login.port, timeout=30)
    form = urllib.parse.urlencode({
        "grant_type": "client_credentials", "client_id": values["MicrosoftAppId"], "client_secret": values["MicrosoftAppPassword"],
        "scope": "https://graph.microsoft.com/.default"})
    connection.request("POST", f"{login.path}/{values['MicrosoftAppTenantId']}/oauth2/v2.0/token", body=form,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    return json.loads(connection.getresponse().read())["access_token"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    values = env(args.env_file)
    started = time.time()
    graph = Graph(values["HERALD_GRAPH_URL"], token(values))
    status, page = graph.call("GET", "/appCatalogs/teamsApps?$filter=" + urllib.parse.quote(f"externalId eq '{values['HERALD_TEAMS_APP_ID']}'"))
    app = page["value"][0]["id"]
    people = []
    path = "/users?$select=id,userType,accountEnabled&$top=999"
    while path:
        status, page = graph.call("GET", path)
        people += [user["id"] for user in page["value"] if user.get("userType") != "Guest" and user.get("accountEnabled", True)]
        path = page.get("@odata.nextLink")
    work = queue.Queue()
    for person in people:
        work.put(person)
    outcome = {"provisioned": 0, "failed": 0}
    lock = threading.Lock()
    binding = {"teamsApp@odata.bind": f"{values['HERALD_GRAPH_URL']}/appCatalogs/teamsApps/{app}"}
    app_filter = urllib.parse.quote(f"teamsApp/id eq '{app}'")

    def worker():
        while True:
            try:
                person = work.get_nowait()
            except queue.Empty:
                return
            ok = False
            status, _ = graph.call("POST", f"/users/{person}/teamwork/installedApps", binding)
            if status in (201, 409):
                status, page = graph.call("GET", f"/users/{person}/teamwork/installedApps?$expand=teamsApp&$filter={app_filter}")
                if status == 200 and page["value"]:
                    status, chat = graph.call("GET", f"/users/{person}/teamwork/installedApps/{page['value'][0]['id']}/chat")
                    ok = status == 200 and bool(chat.get("id"))
            with lock:
                outcome["provisioned" if ok else "failed"] += 1

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"people": len(people), **outcome, "seconds": round(time.time() - started, 2)}))


if __name__ == "__main__":
    main()
