#!/usr/bin/env python3
"""What two BibTeX readers read in a .bib file: the oracle of the BibTeX export's differential test.

Usage: bibtex_fields.py FILE.bib PANDOC

Prints one JSON object: "pybtex", each entry's fields and names as pybtex 0.26 parses them, their TeX turned
into text by the few commands Parley writes (an unknown command is an error, so that nothing is hidden), and
"pandoc", the CSL-JSON `pandoc -f bibtex -t csljson` makes of the file (PANDOC is the program; "" skips it).
"""
import json
import re
import subprocess
import sys

from pybtex.database.input.bibtex import Parser

COMMANDS = {
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textquotesingle": "'",
    "textquotedbl": '"', "textless": "<", "textgreater": ">", "`": "`",
    "{": "{", "}": "}", "%": "%", "&": "&", "$": "$", "#": "#", "_": "_",
}
HIDDEN = re.compile(r"\\iffalse\\[{}]\\fi\{\}")


def text(tex):
    """The text a TeX field value stands for: commands as their characters, grouping braces dropped."""
    tex = HIDDEN.sub("", tex)
    out = []
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", tex[i:])
            name = match.group(1)
            if name not in COMMANDS:
                raise ValueError("unknown TeX command \\%s in %r" % (name, tex))
            out.append(COMMANDS[name])
            i += len(match.group(0))
            # A command with an empty argument (`\textbackslash{}`): the braces are part of it.
            if tex.startswith("{}", i) and (name.isalpha() or name == "`"):
                i += 2
        elif c in "{}":
            i += 1
        elif c == "~":
            out.append("\u00a0")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def person(p):
    given = " ".join(p.first_names + p.middle_names)
    family = " ".join(p.prelast_names + p.last_names)
    if p.lineage_names:
        given = (given + ", " if given else "") + " ".join(p.lineage_names)
    if not given and family.startswith("{") and family.endswith("}") and len(p.last_names) == 1:
        return {"literal": text(family)}
    out = {"family": text(family)}
    if given:
        out["given"] = text(given)
    return out


def main():
    path, pandoc = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    parsed = Parser().parse_string(source)
    entries = {}
    for key, entry in parsed.entries.items():
        fields = {name.lower(): text(value) for name, value in entry.fields.items()}
        for role, people in entry.persons.items():
            fields[role.lower()] = [person(p) for p in people]
        entries[key] = {"type": entry.type, "fields": fields}
    result = {"pybtex": entries}
    if pandoc:
        run = subprocess.run([pandoc, "-f", "bibtex", "-t", "csljson", path], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit("pandoc failed: " + run.stderr)
        result["pandoc"] = json.loads(run.stdout)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
