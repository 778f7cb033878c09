#!/usr/bin/env python3
"""LRU as an external memsim paging policy (protocol memsim-policy/1, kind "paging").

memsim starts this program once per run, writes one JSON object per line to its standard
input and reads a reply line only for the greeting and for "evict"; "hit" and "insert"
need none. memsim keeps the cache's contents, this program only chooses victims.

    memsim paging trace.txt --policies external,lru \
        --external-command "python3 Examples/external-policy/lru.py"

Any policy in any language follows the same lines; the protocol is in the README.
"""
import json
import sys
from collections import OrderedDict


def main():
    order = OrderedDict()  # resident keys, least recently used first
    for line in sys.stdin:
        message = json.loads(line)
        op = message.get("op")
        if op == "hit":
            order.move_to_end(message["key"])
        elif op == "insert":
            order[message["key"]] = None
        elif op == "evict":
            victim, _ = order.popitem(last=False)
            sys.stdout.write('{"victim":%d}\n' % victim)
            sys.stdout.flush()
        elif "protocol" in message:
            if message["protocol"] != "memsim-policy/1" or message["kind"] != "paging":
                sys.stdout.write(json.dumps({"error": "this policy speaks memsim-policy/1 paging only"}) + "\n")
            else:
                sys.stdout.write('{"ok":true}\n')
            sys.stdout.flush()


if __name__ == "__main__":
    main()
