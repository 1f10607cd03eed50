#!/usr/bin/env python3
"""The dependencies between ParleyKit's stage folders, derived from the sources: which folder's code names a type
(struct, enum, class, protocol, actor, typealias) or a top-level function declared in which other folder.

The stages run in the order Load → Parse → Resolve → Render → Write, with Templates (the templates compiled against
the page values) beside Render; Build runs them all, Check runs the build and reads what it made, and Support and
Diagnostics serve every one. A folder may use its own types and those of the folders before
it; naming a type of a later folder is a backward link.

    tools/stage_deps.py            the matrix, then every backward link (folder → folder: type, in file:line)
    tools/stage_deps.py --check    fails when there is a backward link not listed in tools/stage_deps.allowed

tools/stage_deps.allowed lists the backward links not yet removed, one `User → Owner: Type` per line; a line
that no longer matches a link fails the check too, so the list only shrinks."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KIT = os.path.join(ROOT, "Sources", "ParleyKit")
ALLOWED = os.path.join(ROOT, "tools", "stage_deps.allowed")

# Each folder's place: a folder may use the folders of a lower or equal rank.
RANK = {"Support": 0, "Diagnostics": 0, "Load": 1, "Parse": 2, "Resolve": 3, "Render": 4, "Templates": 4,
        "Write": 5, "Build": 6, "Check": 7, "": 8}

DECLARATION = re.compile(
    r"^\s*(?:(?:@\w+(?:\([^)]*\))?|public|package|internal|fileprivate|private|final|indirect|nonisolated|static)\s+)*"
    r"(struct|enum|class|protocol|actor|typealias|func)\s+([A-Za-z_]\w*)")
IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")


def strip(text):
    """The text with comments and string literals blanked, lines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif text[i] == '"':
            j = i + 1
            depth = 0
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "(":
                    depth += 1
                    j += 2
                    continue
                if depth and text[j] == ")":
                    depth -= 1
                elif text[j] == "\\":
                    j += 1
                elif text[j] == '"' and not depth:
                    break
                j += 1
            out.append('""')
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def files():
    for folder, _, names in os.walk(KIT):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, KIT)
                stage = relative.split(os.sep)[0] if os.sep in relative else ""
                yield stage, os.path.relpath(path, ROOT), strip(open(path, encoding="utf-8").read())


def links():
    """(user stage, owner stage, name, file, line) for every name used in a stage other than its owner's."""
    sources = list(files())
    owners = {}
    for stage, path, text in sources:
        for line in text.split("\n"):
            match = DECLARATION.match(line)
            # Types, nested or not, and top-level functions (not members).
            if match and (match.group(1) != "func" or not line[0].isspace()):
                owners.setdefault(match.group(2), set()).add(stage)
    ambiguous = {name for name, stages in owners.items() if len(stages) > 1}
    found = []
    for stage, path, text in sources:
        seen = set()
        for number, line in enumerate(text.split("\n"), 1):
            for name in IDENTIFIER.findall(line):
                if name in ambiguous or name not in owners:
                    continue
                (owner,) = owners[name]
                if owner != stage and (owner, name) not in seen:
                    seen.add((owner, name))
                    found.append((stage, owner, name, path, number))
    return found


def main():
    found = links()
    backward = [link for link in found if RANK[link[0]] < RANK[link[1]]]
    if "--check" not in sys.argv:
        stages = sorted(RANK, key=lambda s: (RANK[s], s))
        counts = {}
        for user, owner, *_ in found:
            counts[(user, owner)] = counts.get((user, owner), 0) + 1
        label = lambda s: s or "(top)"
        print("uses →".ljust(12) + "".join(label(s)[:8].rjust(9) for s in stages))
        for user in stages:
            print(label(user).ljust(12) + "".join(str(counts.get((user, o), "")).rjust(9) for o in stages))
        print(f"\n{len({(u, o, n) for u, o, n, *_ in backward})} backward links:")
        for user, owner, name, path, number in sorted(backward):
            print(f"  {label(user)} → {owner}: {name}  ({path}:{number})")
        return 0
    allowed = set()
    if os.path.exists(ALLOWED):
        for line in open(ALLOWED, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                allowed.add(line)
    present = {f"{u or '(top)'} → {o}: {n}" for u, o, n, *_ in backward}
    new = sorted(present - allowed)
    gone = sorted(allowed - present)
    for line in new:
        where = next(f"{p}:{n}" for u, o, nm, p, n in backward if f"{u or '(top)'} → {o}: {nm}" == line)
        print(f"{where}: a backward link between stage folders: {line}", file=sys.stderr)
    for line in gone:
        print(f"tools/stage_deps.allowed: '{line}' is no longer a backward link: delete the line", file=sys.stderr)
    if new or gone:
        return 1
    print(f"stage folders: {len(present)} backward links, all listed in tools/stage_deps.allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
