#!/usr/bin/env python3
"""Fails when a Swift file of the package (Sources/, Tests/, Fuzz/) has more than 400 lines: a file holds one idea,
and a longer one is split where its parts are (a type's extension in a file of its own). `make test` runs it."""
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LIMIT = 400

long = []
for top in ("Sources", "Tests", "Fuzz"):
    for folder, _, names in os.walk(os.path.join(ROOT, top)):
        for name in names:
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as file:
                    count = sum(1 for _ in file)
                if count > LIMIT:
                    long.append((os.path.relpath(path, ROOT), count))
for path, count in sorted(long):
    print(f"{path}: {count} lines, more than {LIMIT}: split it where its parts are", file=sys.stderr)
sys.exit(1 if long else 0)
