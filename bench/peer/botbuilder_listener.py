#!/usr/bin/env python3
"""The peer for bench/listener-load.py: a Python bot on botbuilder-integration-aiohttp (BotFrameworkHttpAdapter) doing
the same work as `herald listen` — Bot Framework token verification against the same OpenID metadata,
then the user's conversation reference written durably to SQLite — so both are loaded the same way.

    botbuilder_listener.py --port PORT --app-id ID --metadata URL --db FILE
"""
import argparse
import sqlite3
import sys

from aiohttp import web
from botbuilder.core import ActivityHandler, BotFrameworkAdapterSettings, TurnContext
from botbuilder.integration.aiohttp import BotFrameworkHttpAdapter
from botframework.connector.auth import ChannelValidation


class ReferenceBot(ActivityHandler):
    def __init__(self, db):
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")  # durable commits, as herald's store makes them
        self.db.execute("CREATE TABLE IF NOT EXISTS conversation_refs (tenant_id TEXT, subject_id TEXT, conversation_id TEXT, service_url TEXT, "
                        "user_id TEXT, observed_at TEXT, PRIMARY KEY (tenant_id, subject_id))")

    async def on_installation_update_add(self, turn_context: TurnContext):
        activity = turn_context.activity
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO conversation_refs VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, subject_id) DO UPDATE SET "
                        "service_url = excluded.service_url, conversation_id = excluded.conversation_id",
                        (activity.conversation.tenant_id or activity.channel_data["tenant"]["id"], activity.from_property.aad_object_id,
                         activity.conversation.id, activity.service_url, activity.from_property.id, str(activity.timestamp)))
        self.db.execute("COMMIT")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--metadata", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    # The SDK's channel validation (JwtTokenValidation) against the same metadata herald listen uses.
    ChannelValidation.open_id_metadata_endpoint = args.metadata
    adapter = BotFrameworkHttpAdapter(BotFrameworkAdapterSettings(args.app_id, "unused"))
    bot = ReferenceBot(args.db)

    async def messages(request):
        response = await adapter.process(request, None, bot)
        return response or web.Response(status=200)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    print(f"peer listening: http://127.0.0.1:{args.port}/api/messages", flush=True)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    sys.exit(main())
