#!/usr/bin/env python3
"""Check TeamsSim's wire fidelity with independent clients from PyPI.

Starts `herald sim` and a small bot endpoint on loopback, then:
  * msgraph-sdk, with its base URL on the sim, lists every user through @odata.nextLink paging and
    installs the app for one of them;
  * botbuilder-schema deserialises the activities the sim posts on install, with every field the docs name;
  * JwtTokenValidation, configured with the sim's OpenID metadata URL, accepts the sim-signed channel
    tokens and rejects a tampered one;
  * botframework-connector's ConnectorClient creates the user's conversation and sends to it;
  * every Connector request and response body, and every posted activity, fits its definition in the
    official Bot Connector swagger.
Ends with the line 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import asyncio
import http.server
import json
import pathlib
import queue
import subprocess
import sys
import tempfile
import threading
import traceback
import urllib.parse
import urllib.request

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = []


def check(name):
    def wrap(function):
        def run(*args):
            try:
                function(*args)
                RESULTS.append((name, None))
                print(f"PASS {name}", flush=True)
            except Exception as error:  # a failed check is reported, the run goes on
                RESULTS.append((name, error))
                print(f"FAIL {name}: {error!r}", flush=True)
                traceback.print_exc()
        return run
    return wrap


class Bot(http.server.BaseHTTPRequestHandler):
    posts = queue.Queue()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Bot.posts.put((self.headers.get("Authorization", ""), json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def http_json(method, url, token=None, body=None, form=None):
    data = json.dumps(body).encode() if body is not None else (urllib.parse.urlencode(form).encode() if form else None)
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, (json.loads(raw) if raw else None)


class Sim:
    def __init__(self, herald, bot_url):
        self.env_path = pathlib.Path(tempfile.mkdtemp()) / "sim.env"
        self.process = subprocess.Popen(
            [herald, "sim", "--port", "0", "--users", "150", "--speed", "10", "--bot-endpoint", bot_url, "--env-out", str(self.env_path)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.process.stdout:  # the banner ends with the env file line, written after the file
            if line.strip().startswith("env file"):
                break
        else:
            raise RuntimeError("herald sim exited before it was ready")
        self.env = dict(line.split("=", 1) for line in self.env_path.read_text().splitlines() if "=" in line and not line.startswith("#"))
        self.base = self.env["HERALD_GRAPH_URL"].rsplit("/graph/", 1)[0]

    def token(self, resource):
        status, body = http_json("POST", f"{self.env['HERALD_LOGIN_URL']}/{self.env['MicrosoftAppTenantId']}/oauth2/v2.0/token", form={
            "grant_type": "client_credentials", "client_id": self.env["MicrosoftAppId"],
            "client_secret": self.env["MicrosoftAppPassword"], "scope": f"{resource}/.default"})
        assert status == 200, body
        return body["access_token"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def swagger_validator(swagger_path, definition):
    swagger = json.loads(pathlib.Path(swagger_path).read_text(encoding="utf-8-sig"))
    schema = {"$ref": f"#/definitions/{definition}", "definitions": swagger["definitions"]}
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def fits(swagger_path, definition, value):
    errors = sorted(swagger_validator(swagger_path, definition).iter_errors(value), key=str)
    assert not errors, f"{definition}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", required=True, help="the built herald binary")
    parser.add_argument("--swagger", default=str(ROOT.parent / "shared" / "specs" / "botframework-channel.json"))
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sim = Sim(args.herald, f"http://127.0.0.1:{server.server_address[1]}/api/messages")
    state = {}
    try:
        run_checks(sim, args.swagger, state)
    finally:
        sim.stop()
        server.shutdown()
    failed = sum(1 for _, error in RESULTS if error)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(sim, swagger, state):
    @check("msgraph-sdk lists every user through @odata.nextLink paging and installs the app")
    def graph_sdk():
        from kiota_abstractions.authentication import AccessTokenProvider, AllowedHostsValidator, BaseBearerTokenAuthenticationProvider
        from msgraph import GraphRequestAdapter, GraphServiceClient
        from msgraph.generated.models.user_scope_teams_app_installation import UserScopeTeamsAppInstallation
        from msgraph.generated.users.users_request_builder import UsersRequestBuilder
        token = sim.token("https://graph.microsoft.com")

        class StaticToken(AccessTokenProvider):
            async def get_authorization_token(self, uri, additional_authentication_context=None):
                return token

            def get_allowed_hosts_validator(self):
                return AllowedHostsValidator([])

        adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken()))
        adapter.base_url = sim.env["HERALD_GRAPH_URL"]
        client = GraphServiceClient(request_adapter=adapter)

        async def run():
            query = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(top=40, select=["id", "displayName", "userPrincipalName"])
            page = await client.users.get(request_configuration=UsersRequestBuilder.UsersRequestBuilderGetRequestConfiguration(query_parameters=query))
            users = list(page.value)
            pages = 1
            while page.odata_next_link:
                page = await client.users.with_url(page.odata_next_link).get()
                users.extend(page.value)
                pages += 1
            assert len(users) == 150 and pages == 4, (len(users), pages)
            assert all(user.user_principal_name for user in users)
            installation = UserScopeTeamsAppInstallation(additional_data={
                "teamsApp@odata.bind": f"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{sim.env['HERALD_CATALOG_APP_ID']}"})
            await client.users.by_user_id(users[0].id).teamwork.installed_apps.post(installation)
            installed = await client.users.by_user_id(users[0].id).teamwork.installed_apps.get()
            assert len(installed.value) == 1
            state["user"] = users[0].id
            state["installation"] = installed.value[0].id
        asyncio.run(run())

    graph_sdk()

    posts = []
    if "user" in state:
        for _ in range(2):
            posts.append(Bot.posts.get(timeout=15))

    @check("botbuilder-schema deserialises the install activities with every documented field")
    def schema():
        from botbuilder.schema import Activity, ActivityTypes
        from botbuilder.schema.teams import TeamsChannelData
        assert len(posts) == 2, f"{len(posts)} activities arrived"
        kinds = {}
        for _, body in posts:
            activity = Activity().deserialize(body)
            kinds[activity.type] = activity
            assert activity.channel_id == "msteams" and activity.service_url.startswith(sim.base + "/teams/")
            assert activity.timestamp is not None and activity.id
            assert activity.from_property.aad_object_id == state["user"]
            assert activity.recipient.id == "28:" + sim.env["MicrosoftAppId"]
            assert activity.conversation.conversation_type == "personal"
            # botbuilder-schema maps ConversationAccount.tenant_id to "tenantID", but Teams sends "tenantId".
            assert body["conversation"]["tenantId"] == sim.env["MicrosoftAppTenantId"]
            assert TeamsChannelData().deserialize(activity.channel_data).tenant.id == sim.env["MicrosoftAppTenantId"]
        update = kinds[ActivityTypes.conversation_update]
        assert [member.id for member in update.members_added] == [update.recipient.id, update.from_property.id]
        assert kinds[ActivityTypes.installation_update].action == "add"
        state["conversation"] = update.conversation.id
        state["user_id"] = update.from_property.id
        state["service_url"] = update.service_url

    schema()

    @check("JwtTokenValidation accepts the sim's channel tokens and rejects a tampered one")
    def jwt():
        from botbuilder.schema import Activity
        from botframework.connector.auth import ChannelValidation, JwtTokenValidation, SimpleCredentialProvider
        ChannelValidation.open_id_metadata_endpoint = sim.env["HERALD_OPENID_METADATA_URL"]
        credentials = SimpleCredentialProvider(sim.env["MicrosoftAppId"], "")

        async def run():
            for authorization, body in posts:
                identity = await JwtTokenValidation.authenticate_request(Activity().deserialize(body), authorization, credentials)
                assert identity.is_authenticated
            authorization, body = posts[0]
            head, payload, signature = authorization.split(" ", 1)[1].split(".")
            tampered = "Bearer " + ".".join([head, payload, ("A" if signature[0] != "A" else "B") + signature[1:]])
            try:
                await JwtTokenValidation.authenticate_request(Activity().deserialize(body), tampered, credentials)
            except Exception:
                return
            raise AssertionError("a tampered token was accepted")
        asyncio.run(run())

    jwt()

    @check("ConnectorClient creates the user's conversation (by 29: id and by object id) and sends to it")
    def connector():
        from botbuilder.schema import Activity, ChannelAccount, ConversationParameters
        from botframework.connector import ConnectorClient
        from botframework.connector.auth import MicrosoftAppCredentials
        token = sim.token("https://api.botframework.com")

        class SimCredentials(MicrosoftAppCredentials):
            def get_access_token(self, force_refresh=False):
                return token

        client = ConnectorClient(SimCredentials(sim.env["MicrosoftAppId"], "unused"), base_url=state["service_url"])
        parameters = ConversationParameters(bot=ChannelAccount(id="28:" + sim.env["MicrosoftAppId"]), members=[ChannelAccount(id=state["user_id"])],
                                            tenant_id=sim.env["MicrosoftAppTenantId"], channel_data={"tenant": {"id": sim.env["MicrosoftAppTenantId"]}})
        created = client.conversations.create_conversation(parameters)
        assert created.id == state["conversation"], created.id
        parameters.members = [ChannelAccount(id=state["user"])]  # the Entra object id, as Teams also accepts
        by_object_id = client.conversations.create_conversation(parameters)
        assert by_object_id.id == state["conversation"], by_object_id.id
        sent = client.conversations.send_to_conversation(created.id, Activity(type="message", text="Welcome to Contoso!"))
        assert sent.id
        members = client.conversations.get_conversation_members(created.id)
        assert members[0].id == state["user_id"]
        status, body = http_json("GET", sim.base + "/_sim/messages?conversationId=" + urllib.parse.quote(created.id, safe=""))
        assert [m["activity"]["text"] for m in body["messages"]] == ["Welcome to Contoso!"]

    connector()

    @check("Connector bodies and posted activities fit the Bot Connector swagger")
    def swagger_fit():
        token = sim.token("https://api.botframework.com")
        base = state["service_url"] + "v3"
        conversation = urllib.parse.quote(state["conversation"], safe="")
        create = {"isGroup": False, "bot": {"id": "28:" + sim.env["MicrosoftAppId"]}, "members": [{"id": state["user_id"]}],
                  "tenantId": sim.env["MicrosoftAppTenantId"], "channelData": {"tenant": {"id": sim.env["MicrosoftAppTenantId"]}}}
        fits(swagger, "ConversationParameters", create)
        status, body = http_json("POST", base + "/conversations", token, create)
        assert status == 201
        fits(swagger, "ConversationResourceResponse", body)
        message = {"type": "message", "text": "hello", "textFormat": "plain"}
        fits(swagger, "Activity", message)
        status, body = http_json("POST", f"{base}/conversations/{conversation}/activities", token, message)
        assert status == 201
        fits(swagger, "ResourceResponse", body)
        status, body = http_json("GET", f"{base}/conversations/{conversation}/members", token)
        assert status == 200
        for member in body:
            fits(swagger, "ChannelAccount", member)
        status, body = http_json("GET", f"{base}/conversations/{conversation}/pagedmembers?pageSize=50", token)
        fits(swagger, "PagedMembersResult", body)
        status, body = http_json("GET", f"{base}/conversations/a%3Anope/members", token)
        assert status == 404
        fits(swagger, "ErrorResponse", body)
        for _, activity in posts:
            fits(swagger, "Activity", activity)

    swagger_fit()


if __name__ == "__main__":
    sys.exit(main())
