#!/usr/bin/env python3
"""Writes Tests/Fixtures/gfm-tables.json: GitHub's pipe tables and what `cmark-gfm --extension table` makes of them.

Run once (python3 tools/gfm_tables_fixture.py) when a case is added; the file is committed. It holds the examples of
the GFM specification's section "Tables (extension)" (examples 198-205 of GFM 0.29, taken from the specification
Debian's cmark-gfm package ships, /usr/share/doc/cmark-gfm/spec.txt.gz, checked against the specification's own
HTML), then the cases below, each with the HTML cmark-gfm 0.29.0.gfm.6 writes for it with default options.
`parley render --table` must write exactly that (PipeTableTests), and CLITests compare it with the
cmark-gfm command itself, with other flags too, when the command is there.

Known differences, left out (README, "Tables"): a line that is a link reference definition to CommonMark, in or
right above a table's header row (no blank line between), is a definition to Parley (cmark has read it before the
table is found) and text to cmark-gfm; blocks that cmark-gfm goes on with after a table past where cmark's paragraph ended (an `===` row
under a table followed by more lines, a list item the table ends in followed by its indented lines).
"""
import gzip, json, os, re, subprocess, sys

SPEC = "/usr/share/doc/cmark-gfm/spec.txt.gz"
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "gfm-tables.json")

CASES = [
    ("alignment", "| none | left | center | right |\n| --- | :-- | :-: | --: |\n| a | b | c | d |\n| 1 | 22 | 333 | 4444 |\n"),
    ("alignment without pipes at the ends", "none | left | center | right\n--- | :--- | :---: | ---:\na | b | c | d\n"),
    ("one column without pipes", "Head\n:--\nbody\n"),
    ("escaped pipes", "| a \\| b | c |\n| --- | --- |\n| \\| | x \\\\| y |\n| end\\| | \\|start |\n"),
    ("inline code with pipes", "| code | text |\n| --- | --- |\n| `a \\| b` | `c` |\n| `d | e` | f |\n| ``x \\| y`` | **g \\| h** |\n"),
    ("empty cells", "| a | b | c |\n| - | - | - |\n|  | x |  |\n| | | |\n||y||\n"),
    ("fewer and more cells", "| a | b | c |\n| --- | --- | --- |\n| 1 |\n| 1 | 2 |\n| 1 | 2 | 3 | 4 | 5 |\n"),
    ("a lone pipe ends the table", "| a |\n| - |\n| 1 |\n|\n| 2 |\n"),
    ("inline markdown in cells", "| *em* | **strong** | `code` |\n| --- | --- | --- |\n| [link](http://example.com \"t\") | <http://example.com> | ![img](a.png) |\n| &amp; &copy; &#35; | \\*not\\* | a\\ |\n| <b>raw</b> | [ref] | _x_y_ |\n\n[ref]: /url \"Ref\"\n"),
    ("parley's own syntax is text to cmark-gfm", "| claim | source |\n| --- | --- |\n| talks [@hopkins2022, p. 3] | [[first-round]] |\n"),
    ("unicode and tabs", "|\tЖ\t|  ü |\n|\t:-:\t| - |\n| 日本 |\tx\t|\n"),
    ("a table after a paragraph line", "Some text before\nthe table.\n| a | b |\n| - | - |\n| 1 | 2 |\n"),
    ("an earlier delimiter row that does not fit", "| a | b |\n| - |\n| c | d |\n| - | - |\n| 1 | 2 |\n"),
    ("a table ended by a blank line", "| a |\n| - |\n| 1 |\n\nafter\n"),
    ("a table ended by other blocks", "| a |\n| - |\n| 1 |\n# heading\n| b |\n| - |\n```\ncode\n```\n| c |\n| - |\n- item\n"),
    ("a table ended by an indented line", "| a |\n| - |\n| 1 |\n    code\n"),
    ("a table ended by a list a paragraph cannot start", "| a |\n| - |\n| 1 |\n2. two\n3. three\n"),
    ("a table ended by an empty list item", "| a |\n| - |\n| 1 |\n*\n"),
    ("a table ended by an HTML tag alone on its line", "| a |\n| - |\n| 1 |\n<span class=\"x\">\n"),
    ("a table ended by a thematic break", "| a |\n| - |\n| 1 |\n---\n"),
    ("an equals line under a table is a row", "| a |\n| - |\n| 1 |\n===\n"),
    ("a thematic break under a table, then a paragraph", "| a | b |\n| - | - |\n---\n  text\n*em*\n"),
    ("a header that is a setext heading is no table", "| a |\n---\n| 1 |\n"),
    ("an indented delimiter row is no table", "| a |\n    | - |\n"),
    ("a table in a list item", "- | a | b |\n  | --- | ---: |\n  | 1 | 2 |\n- next\n"),
    ("a table in a loose ordered list", "1. First\n\n   | a | b |\n   |---|:-:|\n   | `c|d` | e |\n\n2. Second\n"),
    ("a table after text in a tight list item", "* item\n| b |\n  | - |\n  | 1 |\n"),
    ("a table in a block quote", "> | a | b |\n> | - | - |\n> | 1 | 2 |\n>\n> after\n"),
    ("a table in a list in a block quote", "> - | a |\n>   | - |\n>   | 1 |\n"),
    ("a lazy line after a table in a block quote", "> | a |\n> | - |\n> | 1 |\nlazy\n> more\n"),
    ("a lazy line after a table in a list item", "- | a |\n  | - |\n  | 1 |\n| 2 |\n"),
    ("a lazy line before a delimiter row", "> text\n| a |\n> | - |\n> | 1 |\n"),
    ("a lazy delimiter row is no table", "> | a |\n| - |\n"),
    ("a lazy header row keeps its indentation", "> x\n  | a |\n> |-|\n> y\n  a | b\n> -|-\n"),
    ("dashes under reference definitions are no delimiter row", "[r]: /u\n- \n| a |\n"),
    ("a table under a block quote's list item, ended by the quote", "> - | a |\n>   | - |\n> | 1 |\n"),
    ("crlf line endings", "| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n"),
    ("no final newline", "| a |\n| - |\n| 1 |"),
    ("tables on either side of a paragraph", "| a |\n| - |\n\ntext\n\n| b |\n|:-|\n| 2 |\n"),
    ("a table ended by an indented line, then another table", "| a |\n| - |\n    code\n| b |\n| - |\n"),
    ("a header with trailing spaces and backslash", "| a\\\\ | b  \n|--|--|\n"),
    ("smart punctuation material", "| \"quoted\" | 'single' |\n| --- | --- |\n| a -- b --- c... | it's |\n"),
]


def spec_examples():
    text = gzip.open(SPEC, "rt", encoding="utf-8").read()
    examples, number, section, state = [], 0, "", 0
    markdown, html = [], []
    for line in text.split("\n"):
        heading = re.match(r"^#{1,6} (.*)", line)
        if state == 0 and heading:
            section = heading.group(1).strip()
        if state == 0 and line.startswith("`" * 32) and "example" in line:
            state, markdown, html = 1, [], []
        elif state == 1 and line == ".":
            state = 2
        elif state == 2 and line.startswith("`" * 32):
            number += 1
            state = 0
            if section == "Tables (extension)":
                join = lambda lines: "\n".join(lines).replace("\u2192", "\t") + ("\n" if lines else "")
                examples.append((number, join(markdown), join(html)))
        elif state == 1:
            markdown.append(line)
        elif state == 2:
            html.append(line)
    return examples


def cmark_gfm(markdown):
    return subprocess.run(["cmark-gfm", "--extension", "table"], input=markdown.encode(), capture_output=True, check=True).stdout.decode()


def main():
    version = subprocess.run(["cmark-gfm", "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    cases = []
    for number, markdown, html in spec_examples():
        output = cmark_gfm(markdown)
        if output != html:
            sys.exit(f"example {number}: cmark-gfm differs from the specification")
        cases.append({"name": f"GFM spec example {number}", "example": number, "markdown": markdown, "html": output})
    if [case["example"] for case in cases] != list(range(198, 206)):
        sys.exit("expected examples 198-205 in the section Tables (extension)")
    for name, markdown in CASES:
        cases.append({"name": name, "markdown": markdown, "html": cmark_gfm(markdown)})
    document = {
        "about": "GitHub's pipe tables and the HTML `cmark-gfm --extension table` writes for them ("
        + version + "). Examples 198-205: the GitHub Flavored Markdown Spec 0.29, section Tables (extension), "
        "CC-BY-SA 4.0, https://github.github.com/gfm/. Written by tools/gfm_tables_fixture.py.",
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
