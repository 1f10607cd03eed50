#!/usr/bin/env python3
"""Writes the hostile inputs of known shapes (deep nesting, long runs of one character, many tags) into
Tests/Fixtures/fuzz-regressions/<target>/shape-*: seeds of `make fuzz` and cases of FuzzRegressionTests.
Run it again after changing a shape; the files are committed."""
import json
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "fuzz-regressions")

front = "---\ntitle: Fuzz\n---\n"
deep_json = "[" * 20000 + "]" * 20000
laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))

shapes = {
    "citations": {
        "brackets-200000": "[" * 200000,
        "at-signs-20000": "@" * 20000,
        "open-citations-40000": "[@a " * 40000,
        "citations-2000": "[@a] " * 2000,
        "nested-brackets-50000": "[" * 50000 + "@a" + "]" * 50000,
    },
    "wikilinks": {
        "brackets-204800": "[" * 204800,
        "links-40000-one-line": "[[a]] " * 40000,
        "open-links-50000": "[[" * 50000,
        "links-unclosed-pipe-40000": "[[a|" * 40000,
    },
    "footnotes": {
        "brackets-200000": "[" * 200000,
        "open-notes-50000": "[^" * 50000,
        "references-20000": "[^1] " * 20000 + "\n\n[^1]: Note.\n",
        "definitions-100": "".join(f"[^n{i}]: Note {i}.\n\n" for i in range(100)) + "Text[^n1].\n",
        "nested-definitions-5000": "".join(">" * i + f" [^n{i}]: x\n" for i in range(1, 50)) * 20,
    },
    "tables": {
        "pipes-100000": "|" * 100000,
        "rows-300": "| a | b |\n| - | - |\n" + "| x | y |\n" * 300,
        "columns-300": "|" + " a |" * 300 + "\n|" + " - |" * 300 + "\n",
        "brackets-200000": "| a |\n| - |\n| " + "[" * 200000 + " |\n",
        "nested-quotes-2000": "> " * 2000 + "| a |\n" + "> " * 2000 + "| - |\n",
    },
    "templates": {
        "tags-20000": "{{title}}" * 20000,
        "sections-7000": "{{#entry}}" * 7000 + "x" + "{{/entry}}" * 7000,
        "unclosed-sections-7000": "{{#entry}}" * 7000,
        "inverted-7000": "{{^title}}" * 7000,
        "braces-200000": "{" * 200000,
        "self-include": "{{>p1}}\0{{>p1}}",
        "include-chain-2000": "\0".join(["{{>p1}}"] + [f"{{{{>p{i + 1}}}}}" for i in range(1, 2000)] + ["x"]),
    },
    "yaml": {
        "flow-nesting-20000": front.replace("title: Fuzz", "title: " + deep_json),
        "block-nesting-10000": "---\ntitle: " + "- " * 10000 + "x\n---\n",
        "aliases-laughs": "---\n" + laughs + "title: x\n---\n",
        "aliases-keys": "---\n" + laughs + "k: {*i : 1, *h : 2}\ntitle: x\n---\n",
        "escapes": '---\ntitle: "a\\0b\\e\\x02\\u202E\\U0010FFFF\\N\\_\\L\\P"\n---\n',
        "brackets-body-200000": front + "[" * 200000,
    },
    "settings": {
        "flow-nesting-20000": "title: t\nsections: " + deep_json + "\n",
        "block-nesting-10000": "title: t\nsections:\n  " + "- " * 10000 + "x\n",
        "aliases-laughs": laughs + "title: t\n",
        "aliases-keys": laughs + "k: {*i : 1, *h : 2}\ntitle: t\n",
        "sections-1000": "title: t\nsections:\n" + "".join(f"  s{i}: {{}}\n" for i in range(1000)),
    },
    "bibliography-yaml": {
        "flow-nesting-20000": "references: " + deep_json + "\n",
        "aliases-laughs": laughs + "references: *i\n",
        "aliases-keys": laughs + "references: [{*i : 1, *h : 2}]\n",
        "references-100": "references:\n" + "".join(f"  - id: r{i}\n    type: book\n    title: T{i}\n    issued: 2022\n" for i in range(100)),
        "duplicate-ids-2000": "references:\n" + "  - id: r\n    title: T\n" * 2000,
    },
    "bibliography-json": {
        "nesting-20000": deep_json,
        "objects-20000": '[{"id":"a","title":' + '{"a":' * 20000 + "1" + "}" * 20000 + "}]",
        "references-100": json.dumps([{"id": f"r{i}", "type": "book", "title": f"T{i}", "issued": {"date-parts": [[2022]]}} for i in range(300)]),
        "escapes": '[{"id":"a","title":"\\u0000\\ud800\\udfff\\ud800x\\u001b"}]',
    },
    "edtf": {
        "digits-20000": "1" * 20000,
        "intervals-2000": "2022/" * 2000,
        "sets-2000": "[" + ",".join(["2022"] * 2000) + "]",
        "qualifiers-2000": "2022" + "?~%" * 2000,
    },
}

count = 0
for target, files in shapes.items():
    folder = os.path.join(root, target)
    os.makedirs(folder, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(folder, f"shape-{name}"), "wb") as out:
            out.write(text.encode("utf-8", "surrogatepass"))
        count += 1
print(f"wrote {count} shapes into {os.path.relpath(root)}", file=sys.stderr)
