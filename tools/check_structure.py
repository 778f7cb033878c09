"""Checks the shape of the source tree (run by `make test`); prints every violation and exits 1.

- Each model kind's entry file is Sources/<Target>/<Kind>Model.swift.
- No model target imports another model target.
- SimCore holds no concrete policy: no type conforming to CachePolicy or BanditPolicy.
- No function, initialiser or closure body in Sources/ is longer than 60 lines.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = {  # kind -> (target, entry type)
    "paging": ("Paging", "PagingModel"),
    "sessions": ("Sessions", "SessionsModel"),
    "context-reader": ("ContextReaders", "ContextReaderModel"),
    "shared-context": ("SharedContext", "SharedContextModel"),
    "adapters": ("Adapters", "AdaptersModel"),
    "bandit": ("Bandits", "BanditModel"),
    "streaming-bandit": ("Bandits", "StreamingBanditModel"),
    "replay": ("Replay", "ReplayModel"),
    "kv-eviction": ("KVEviction", "KVEvictionModel"),
    "agent-memory": ("AgentMemory", "AgentMemoryModel"),
}
MODEL_TARGETS = sorted({target for target, _ in MODELS.values()})
MAX_LINES = 60
problems = []


def swift_files(target):
    for directory, _, names in os.walk(os.path.join(ROOT, "Sources", target)):
        for name in sorted(names):
            if name.endswith(".swift"):
                yield os.path.join(directory, name)


def rel(path):
    return os.path.relpath(path, ROOT)


for kind, (target, entry) in MODELS.items():
    path = os.path.join(ROOT, "Sources", target, entry + ".swift")
    if not os.path.isfile(path):
        problems.append(f"{kind}: no entry file Sources/{target}/{entry}.swift")
    elif not re.search(r"static let kind = \"%s\"" % re.escape(kind), open(path).read()):
        problems.append(f"{rel(path)}: does not declare kind '{kind}'")

for target in MODEL_TARGETS:
    for path in swift_files(target):
        for number, line in enumerate(open(path), 1):
            match = re.match(r"\s*(?:@testable\s+)?import\s+(\w+)", line)
            if match and match.group(1) in MODEL_TARGETS and match.group(1) != target:
                problems.append(f"{rel(path)}:{number}: the {target} model imports the {match.group(1)} model")

for path in swift_files("SimCore"):
    text = open(path).read()
    for match in re.finditer(r"(?:struct|class|enum)\s+(\w+)\s*:\s*([^{]+)\{", text):
        conformances = {c.strip() for c in match.group(2).split(",")}
        if conformances & {"CachePolicy", "BanditPolicy", "ScoringBanditPolicy", "EvictionReporting", "StreamablePolicy"}:
            line = text[: match.start()].count("\n") + 1
            problems.append(f"{rel(path)}:{line}: SimCore holds the concrete policy {match.group(1)}")


def long_bodies(path):
    """Bodies of func/init/subscript/computed properties longer than MAX_LINES (brace matching, strings skipped)."""
    lines = open(path).read().split("\n")
    text = "\n".join(lines)
    for match in re.finditer(r"^\s*(?:[\w@()]+\s+)*(func\s+[\w`]+|init[?!]?|subscript)\b", text, re.M):
        start = text.find("{", match.end())
        if start < 0:
            continue
        depth, i, in_string = 0, start, False
        while i < len(text):
            c = text[i]
            if in_string:
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    in_string = False
            elif c == '"':
                in_string = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        first = text[: match.start()].count("\n") + 1
        length = text[:i].count("\n") - text[:start].count("\n") - 1
        if length > MAX_LINES:
            yield first, match.group(1), length


for directory, _, names in os.walk(os.path.join(ROOT, "Sources")):
    for name in sorted(names):
        if name.endswith(".swift"):
            path = os.path.join(directory, name)
            for line, what, length in long_bodies(path):
                problems.append(f"{rel(path)}:{line}: {what} has {length} lines (at most {MAX_LINES})")

for problem in sorted(problems):
    print(problem)
if problems:
    sys.exit(1)
print(f"structure: {len(MODELS)} models in {len(MODEL_TARGETS)} targets, no cross-model imports, "
      f"no concrete policy in SimCore, no function over {MAX_LINES} lines")
