"""Rewrites the README's parameter tables from `memsim list models --markdown`.

Usage: python3 tools/readme_parameter_tables.py MEMSIM_BINARY [README]

Each model's table sits between its marker comments at the end of the model's section; a
section without markers gets the table appended before the next heading. The test
`theReadmeParameterTablesAreGenerated` fails when the README differs from the binary's output.
"""
import re
import subprocess
import sys

binary = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "README.md"
readme = open(path).read()
# Every model the binary knows, in its registry's order ("kind: summary" lines of `list models`).
listing = subprocess.run([binary, "list", "models"], check=True, capture_output=True, text=True).stdout
kinds = re.findall(r"^([a-z][a-z-]*): ", listing, re.M)
for kind in kinds:
    block = subprocess.run([binary, "list", "models", "--markdown", "--model", kind], check=True,
                           capture_output=True, text=True).stdout.strip() + "\n"
    begin = block.splitlines()[0]
    end = block.splitlines()[-1]
    if begin in readme:
        i = readme.index(begin)
        j = readme.index(end, i) + len(end) + 1
        readme = readme[:i] + block + readme[j:]
        continue
    heading = re.search(r"^### `%s`.*$" % re.escape(kind), readme, re.M) or \
        re.search(r"^### .*`%s`.*$" % re.escape(kind), readme, re.M)
    nxt = readme.index("\n### ", heading.end())
    readme = readme[:nxt].rstrip("\n") + "\n\n" + block + readme[nxt:]
open(path, "w").write(readme)
