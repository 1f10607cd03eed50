#!/usr/bin/env python3
"""Lists every diagnostic message in Sources/ and whether a test shows it.

Usage: python3 tools/diagnostic_coverage.py [--all] [--fixtures-only] [--details]

A diagnostic message is the string literal given as the message of a call that makes one: `error(…)`,
`warning(…)`, `Diagnostic(…)`, `….diagnostic(…)`, `Console.error(…)`/`Console.warning(…)`, the template
engine's `report(…)` and `TemplateDiagnostic(message: …)`, the argument parser's `ValidationError(…)`, and
the output folder's `refuse(…)` (put inside its sentence); also each string a computed `var message: String`
returns (a broken link's). A message written as `"a" + "b"` is joined, one written as `cond ? "a" : "b"`
counts as two, and each interpolation `\\(…)` is a wildcard. A message passed as a name is looked up as the
string assigned to that name in the lines above, or as a `static let` anywhere; calls still not resolved are
listed as "indirect", for reading by hand (a parameter passed on is not). Messages with no fixed text
(`"\\(error)"`) are left out.

A message is covered by a fixture when it matches (fixed text in order, anything between) some
`Tests/Fixtures/**/expected-diagnostics.txt`: those are the examples the manual's diagnostics page shows. It
is covered by the page's command part when it matches the text between the markers that
`CommandDiagnosticsDocumentationTests` writes in `Documentation/Content/reference/diagnostics.md`: what real
runs of the `parley` binary print (the command line, the output folder, an earlier build, Pagefind…).
It is covered by a test when it matches the text of a Swift file under `Tests/`, or when a string of one
(12 characters or more) is a part of it, as in `#expect(result.stderr.contains("refusing to use /"))`.

Prints covered/total for each, then each message the page does not show, with its `file:line` and
whether a test covers it. `--all` lists every message; `--fixtures-only` counts only the page as covered;
`--details` lists instead the reasons given inside a message: why a date is not valid EDTF (`EDTFError`), why
an alias cannot be redirected from (`AliasPath`'s `Problem`).
"""
import glob, os, re, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# Calls that make a diagnostic, and which argument is the message (None: the first string argument).
CALLS = {"error": None, "warning": None, "Diagnostic": None, "diagnostic": None, "report": None,
         "ValidationError": None, "TemplateDiagnostic": "message", "refuse": None,
         # The reasons inside a message: a date's (EDTF) and an alias's. Listed with --details only.
         "EDTFError": "reason", "Problem": "reason"}
# Calls whose message is put inside a fixed sentence.
WRAPPERS = {"refuse": ("refusing to use … as the output folder: ", ""),
            "EDTFError": ("'…' is not a valid date (", ")"),
            "Problem": ("'…' is not an address this site can redirect from: ", "")}
DETAILS = {"EDTFError", "Problem"}


def tokenize(text):
    """Swift source as tokens: ("str", [pieces], line) with None for an interpolation, ("id", name, line),
    ("p", char, line). Comments are dropped."""
    tokens, i, line, n = [], 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1; i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i); i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i): depth += 1; i += 2
                elif text.startswith("*/", i): depth -= 1; i += 2
                else:
                    line += text[i] == "\n"; i += 1
        elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            start_line = line
            pieces, i, line = read_string(text, i, line)
            tokens.append(("str", pieces, start_line))
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"): j += 1
            tokens.append(("id", text[i:j], line)); i = j
        else:
            tokens.append(("p", c, line)); i += 1
    return tokens


ESCAPES = {"n": "\n", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'", "r": "\r"}


def read_string(text, i, line):
    """Reads the string literal at i: its pieces (text, or None for an interpolation), the index after it."""
    hashes = 0
    while text[i] == "#": hashes += 1; i += 1
    multi = text.startswith('"""', i)
    i += 3 if multi else 1
    close = ('"""' if multi else '"') + "#" * hashes
    escape = "\\" + "#" * hashes
    pieces, buf = [], []
    while i < len(text):
        if text.startswith(close, i):
            i += len(close); break
        if text.startswith(escape, i):
            k = i + len(escape)
            if text[k] == "(":  # interpolation: skip to the matching parenthesis
                depth, k = 1, k + 1
                while depth and k < len(text):
                    ch = text[k]
                    if ch == '"' or (ch == "#" and re.match(r'#+"', text[k:])):
                        _, k, line = read_string(text, k, line); continue
                    depth += ch == "("; depth -= ch == ")"; line += ch == "\n"; k += 1
                if buf: pieces.append("".join(buf)); buf = []
                pieces.append(None); i = k; continue
            if text[k] == "u":
                j = text.index("}", k)
                buf.append(chr(int(text[k + 2:j], 16))); i = j + 1; continue
            if text[k] == "\n":  # line continuation in a multi-line string
                i = k + 1; line += 1; continue
            buf.append(ESCAPES.get(text[k], text[k])); i = k + 1; continue
        line += text[i] == "\n"
        buf.append(text[i]); i += 1
    if buf: pieces.append("".join(buf))
    if multi:  # drop the lines of the delimiters (indentation is left: it does not matter for matching)
        joined = pieces
        if joined and joined[0] is not None and joined[0].startswith("\n"): joined[0] = joined[0][1:]
    return pieces, i, line


def split_args(tokens, start):
    """The arguments of the call whose '(' is tokens[start]: a list of (label, tokens), and the index after ')'."""
    args, current, depth, i = [], [], 0, start + 1
    while i < len(tokens):
        kind, value, _ = tokens[i]
        if kind == "p" and value in "([{":
            depth += 1
        elif kind == "p" and value in ")]}":
            if depth == 0: break
            depth -= 1
        if kind == "p" and value == "," and depth == 0:
            args.append(current); current = []
        else:
            current.append(tokens[i])
        i += 1
    if current: args.append(current)
    labelled = []
    for arg in args:
        if len(arg) >= 2 and arg[0][0] == "id" and arg[1] == ("p", ":", arg[1][2]) and not (len(arg) > 2 and arg[2][1] == ":"):
            labelled.append((arg[0][1], arg[2:]))
        else:
            labelled.append((None, arg))
    return labelled, i + 1


def alternatives(expr):
    """The messages an expression can be: a list of piece lists; [] if it has no string literal."""
    if not any(t[0] == "str" for t in expr): return []
    depth, question = 0, None
    for k, t in enumerate(expr):
        if t[0] == "p" and t[1] in "([{": depth += 1
        elif t[0] == "p" and t[1] in ")]}": depth -= 1
        elif t == ("p", "?", t[2]) and depth == 0 and k > 0 and question is None: question = k
    if question is not None:
        rest = expr[question + 1:]
        depth = 0
        for k, t in enumerate(rest):
            if t[0] == "p" and t[1] in "([{": depth += 1
            elif t[0] == "p" and t[1] in ")]}": depth -= 1
            elif t[0] == "p" and t[1] == ":" and depth == 0:
                return alternatives(rest[:k]) + alternatives(rest[k + 1:])
    # A concatenation: literals joined with '+'; anything else is a wildcard. A parenthesised ternary inside
    # makes each of its alternatives a separate message.
    results = [[]]
    depth, term = 0, []
    terms = []
    for t in expr + [("p", "+", 0)]:
        if t[0] == "p" and t[1] in "([{": depth += 1
        elif t[0] == "p" and t[1] in ")]}": depth -= 1
        if t[0] == "p" and t[1] == "+" and depth == 0:
            terms.append(term); term = []
        else:
            term.append(t)
    for term in terms:
        if len(term) == 1 and term[0][0] == "str":
            options = [term[0][1]]
        elif len(term) >= 2 and term[0] == ("p", "(", term[0][2]) and term[-1][1] == ")" and alternatives(term[1:-1]):
            options = alternatives(term[1:-1])
        else:
            options = [[None]]
        results = [r + o for r in results for o in options]
    return results


def pattern_text(pieces):
    text, last_wild = "", False
    for p in pieces:
        if p is None:
            if not last_wild: text += "…"
            last_wild = True
        else:
            text += p; last_wild = False
    return text


def messages():
    """Every message: (pattern text, pieces, 'file:line'), and the indirect calls."""
    found, indirect = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "Sources", "**", "*.swift"), recursive=True)):
        rel = os.path.relpath(path, ROOT)
        tokens = tokenize(open(path, encoding="utf-8").read())
        for i, (kind, value, line) in enumerate(tokens):
            if kind != "id" or value not in CALLS or i + 1 >= len(tokens) or tokens[i + 1][1] != "(": continue
            if i > 0 and tokens[i - 1] == ("id", "func", tokens[i - 1][2]): continue
            args, _ = split_args(tokens, i + 1)
            label = CALLS[value]
            candidates = [a for l, a in args if l == label] if label else [a for l, a in args if l is None]
            if value == "error" and args and args[0][0] is None and args[0][1][:1] and args[0][1][0][1] == "at":
                continue
            alts = []
            for arg in candidates:
                alts = alternatives(arg)
                if alts: break
            if not alts:
                names = [a[-1][1] for a in candidates if a and a[-1][0] == "id" and (len(a) == 1 or a[-2][1] == ".")]
                if names:
                    alts = assigned(tokens, i, names[0]) or constant(names[0])
                forwarded = any(tokens[k][:2] == ("id", n) and tokens[k + 1][1] == ":" for n in names
                                for k in range(max(0, i - 60), i))
                if not alts:
                    if not forwarded and (candidates and value != "report" or label):
                        indirect.append((f"{rel}:{line}", " ".join(str(t[1]) for a in candidates for t in a)[:80]))
                    continue
            for pieces in alts:
                if any(p for p in pieces if p and p.strip()):
                    if value in WRAPPERS:
                        before, after = WRAPPERS[value]
                        pieces = [None if w == "…" else w for w in re.split("(…)", before) if w] + pieces + ([after] if after else [])
                    found.append((pattern_text(pieces), pieces, f"{rel}:{line}", value in DETAILS))
        # A computed `var message: String { … }`: each string it returns is a message.
        for i, (kind, value, line) in enumerate(tokens):
            if (kind, value) == ("id", "var") and tokens[i + 1][1] == "message" and tokens[i + 2][1] == ":" and tokens[i + 4][1] == "{":
                depth, k = 0, i + 4
                while k < len(tokens):
                    t = tokens[k]
                    if t[1] == "{": depth += 1
                    elif t[1] == "}":
                        depth -= 1
                        if depth == 0: break
                    elif t[:2] == ("id", "return"):
                        end = k + 1
                        while end < len(tokens) and tokens[end][2] == t[2]: end += 1
                        for pieces in alternatives(tokens[k + 1:end]):
                            found.append((pattern_text(pieces), pieces, f"{rel}:{t[2]}", False))
                    k += 1
    return found, indirect


def constant(name):
    """The string of `static let name = "…"` in Sources/."""
    for path in glob.glob(os.path.join(ROOT, "Sources", "**", "*.swift"), recursive=True):
        text = open(path, encoding="utf-8").read()
        if re.search(r"static let %s = \S" % re.escape(name), text):
            tokens = tokenize(text)
            for k, t in enumerate(tokens):
                if t[:2] == ("id", name) and tokens[k - 1][1] == "let" and tokens[k + 1][1] == "=":
                    return assigned(tokens, len(tokens), name, window=len(tokens))
    return []


def assigned(tokens, at, name, window=300):
    """The strings assigned to `name` (let/var name = …, name = …, case …: name = …) in the 300 tokens above."""
    alts = []
    for k in range(max(0, at - window), at):
        if tokens[k] == ("id", name, tokens[k][2]) and k + 1 < at and tokens[k + 1][1] == "=" and tokens[k + 2][1] != "=":
            end, depth = k + 2, 0
            while end < at:
                t = tokens[end]
                if t[0] == "p" and t[1] in "([{": depth += 1
                elif t[0] == "p" and t[1] in ")]}":
                    if depth == 0: break
                    depth -= 1
                if depth == 0 and end > k + 2 and t[2] != tokens[end - 1][2] and sym(tokens[end - 1]) not in "+?:(" and sym(t) not in "+?:": break
                end += 1
            alts += alternatives(tokens[k + 2:end])
    return alts


def sym(token):
    return token[1] if token[0] == "p" else "x"


def regex(pieces):
    parts, wild = [], False
    for p in pieces:
        if p is None:
            wild = True
        else:
            parts.append((".*?" if wild or parts else "") + re.escape(p)); wild = False
    return re.compile("".join(parts))


def part_of(text, pieces):
    """Whether `text` is a part of some message the pieces make (a test asserting `contains("…")`): it starts
    inside a fixed piece or a wildcard, goes on through the next pieces (each wildcard standing for any text),
    and ends inside a piece or a wildcard, matching at least 12 fixed characters."""
    fixed = [p for p in pieces if p is not None]
    starts = []  # (the text left, the next piece, fixed characters matched so far)
    for i, piece in enumerate(fixed):
        for a in range(len(piece)):
            tail = piece[a:]
            if tail.startswith(text) and len(text) >= 12: return True
            if text.startswith(tail): starts.append((text[len(tail):], i + 1, len(tail)))
        starts.append((text, i, 0))  # the text starts in the wildcard before this piece
    for rest, k, matched in starts:
        while rest:
            if k == len(fixed):
                if pieces[-1] is None and matched >= 12: return True
                break
            piece = fixed[k]
            if any(piece.startswith(rest[j:]) and matched + len(rest) - j >= 12 for j in range(len(rest))): return True
            at = rest.find(piece)
            if at < 0: break
            rest, k, matched = rest[at + len(piece):], k + 1, matched + len(piece)
        else:
            if matched >= 12: return True
    return False


def main():
    show_all = "--all" in sys.argv
    fixtures_only = "--fixtures-only" in sys.argv
    expected = "\n".join(open(p, encoding="utf-8").read() for p in
                         glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "**", "expected-diagnostics.txt"), recursive=True))
    page_path = os.path.join(ROOT, "Documentation", "Content", "reference", "diagnostics.md")
    page = open(page_path, encoding="utf-8").read() if os.path.exists(page_path) else ""
    begin, end = "<!-- command diagnostics: made by CommandDiagnosticsDocumentationTests -->", "<!-- end of command diagnostics -->"
    commands = page[page.find(begin):page.find(end)] if begin in page and end in page else ""
    tests = "\n".join(open(p, encoding="utf-8").read() for p in
                      glob.glob(os.path.join(ROOT, "Tests", "**", "*.swift"), recursive=True))
    tests += "\n" + tests.replace('\\"', '"').replace("\\\\", "\\")
    # The strings of the tests, for a test that asserts part of a message (`contains("is not empty")`).
    literals = set()
    for path in glob.glob(os.path.join(ROOT, "Tests", "**", "*.swift"), recursive=True):
        for kind, value, _ in tokenize(open(path, encoding="utf-8").read()):
            if kind == "str":
                literals.update(p for p in value if p and len(p.strip()) >= 12 and " " in p.strip())
    found, indirect = messages()
    distinct = {}
    details = "--details" in sys.argv
    for text, pieces, where, detail in found:
        if detail != details or text in (w[0] + "…" for w in WRAPPERS.values()): continue
        distinct.setdefault(text, (pieces, []))[1].append(where)
    by_fixture = by_command = by_test = 0
    rows = []
    for text, (pieces, places) in sorted(distinct.items(), key=lambda item: item[1][1][0]):
        r = regex(pieces)
        in_fixture = bool(r.search(expected))
        in_command = not in_fixture and bool(r.search(commands))
        in_test = in_fixture or in_command or (not fixtures_only and (bool(r.search(tests)) or any(part_of(l, pieces) for l in literals)))
        by_fixture += in_fixture; by_command += in_command; by_test += in_test
        if show_all or not (in_fixture or in_command):
            mark = "fixture" if in_fixture else "command" if in_command else ("test" if in_test else "-")
            rows.append(f"{mark:8} {places[0]}{' (+%d)' % (len(places) - 1) if len(places) > 1 else ''}: {text!r}")
    total = len(distinct)
    print(f"covered by a fixture: {by_fixture}/{total}")
    print(f"shown on the manual's page (a fixture or the command part): {by_fixture + by_command}/{total}")
    if not fixtures_only:
        print(f"covered by the page or a test: {by_test}/{total}")
    print("\n".join(rows))
    if indirect:
        print(f"\n{len(indirect)} calls whose message is not a literal (read by hand):")
        for where, what in indirect: print(f"  {where}: {what}")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # piped into head
        pass
