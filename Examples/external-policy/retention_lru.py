#!/usr/bin/env python3
"""Least-recently-idle retention as an external memsim sessions policy (protocol
memsim-policy/1, kind "retention"): keep every idle session's KV in HBM and, when HBM needs
room, evict the session that became idle longest ago. It makes the same decisions as the
built-in `hbm-lru`.

    retention: external
    external.command: python3 retention_lru.py

memsim asks for a reply to the greeting, "idle" (a decision) and "victim"; "retained",
"released" and "reused" need none. The protocol is in the README.
"""
import json
import sys
from collections import OrderedDict


def reply(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main():
    idle = OrderedDict()  # retained sessions, least recently idle first
    for line in sys.stdin:
        message = json.loads(line)
        op = message.get("op")
        if op == "idle":
            reply('{"decision":"keep"}')
        elif op == "retained":
            idle[message["session"]] = None
        elif op == "released":
            idle.pop(message["session"], None)
        elif op == "victim":
            excluded = message["excluding"]
            victim = next((s for s in idle if s != excluded), None)
            reply(json.dumps({"victim": victim}))
        elif op == "reused":
            pass
        elif "protocol" in message:
            reply('{"ok":true}' if message["kind"] == "retention" else '{"error":"retention only"}')


if __name__ == "__main__":
    main()
