#!/usr/bin/env python3
"""Converts a Parley site (usually a corpus from bench/corpus.py) into a Hugo content tree.

    python3 bench/hugo_corpus.py --site DIR --out DIR [--site-files bench/hugo]

For bench/run.py's Hugo comparison. Each entry `Content/<section>/…/<slug>.md` becomes
`content/<section>/<slug>.md` (year folders flattened, so the URL is /<section>/<slug>/ as in Parley);
entries of a section with `path: ""` (the corpus's `pages`) go to the content root. Each section gets a
`_index.md` with its title, and `content/timeline/_index.md` makes the timeline list.

The Markdown body is copied as it is. Hugo knows nothing of Parley's citations (`[@key]`, `@key`) or
wiki links (`[[slug]]`, `[[slug|text]]`): they stay in the text and Goldmark renders them as plain text.

The front matter is rewritten as YAML with only what the Hugo site uses: `title`, `date`, `summary` and the
taxonomies `people`, `places` and `topics` (names only, from plain items and `{name, original}` items).
Hugo needs a real date, so the start of Parley's EDTF date is taken: `2022-03-05` as is, `2022-03` →
`2022-03-01`, `2022` → `2022-01-01`, an interval `a/b` → a, and a trailing `~`, `?` or `%` dropped. An
entry with a date that can't be read that way gets none, and is counted.

Standard library only; the same input gives the same bytes (files are written in sorted order).
`--site-files DIR` also copies a Hugo site (config and layouts, e.g. bench/hugo/) into the output.
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------------
# Just enough YAML for Parley front matter as corpus.py writes it: `key: scalar`, flow lists
# `[a, "b, c", {name: X, original: Y}]` and block lists (`- item`).


def parse_scalar(text):
    text = text.strip()
    if text.startswith('"'):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text.strip('"')
    if text.startswith("'") and text.endswith("'") and len(text) >= 2:
        return text[1:-1].replace("''", "'")
    return text


def split_flow(text):
    """The items of a flow collection's inside, split on top-level commas."""
    items, depth, quote, current = [], 0, None, []
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            current.append(c)
            if c == "\\" and quote == '"' and i + 1 < len(text):
                current.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            current.append(c)
        elif c in "[{":
            depth += 1
            current.append(c)
        elif c in "]}":
            depth -= 1
            current.append(c)
        elif c == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    if "".join(current).strip():
        items.append("".join(current).strip())
    return items


def parse_value(text):
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        return [parse_value(item) for item in split_flow(text[1:-1])]
    if text.startswith("{") and text.endswith("}"):
        mapping = {}
        for item in split_flow(text[1:-1]):
            key, _, value = item.partition(":")
            mapping[parse_scalar(key)] = parse_value(value)
        return mapping
    return parse_scalar(text)


def front_matter(text):
    """(fields, body) of a Markdown file with `---` front matter."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    fields, key = {}, None
    for line in text[4:end].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith((" ", "-")) and key is not None and line.strip().startswith("- "):
            if not isinstance(fields.get(key), list):
                fields[key] = []
            fields[key].append(parse_value(line.strip()[2:]))
            continue
        match = re.match(r"^([A-Za-z0-9_-]+):\s*(.*)$", line)
        if match:
            key, value = match.group(1), match.group(2)
            fields[key] = parse_value(value) if value.strip() else None
    return fields, text[end + 5:]


def site_sections(site):
    """[(name, title, path)] from Content/site.yaml's `sections` (a block list of mappings)."""
    sections, current = [], None
    lines = (site / "Content" / "site.yaml").read_text(encoding="utf-8").splitlines()
    inside = False
    for line in lines:
        if re.match(r"^sections:\s*$", line):
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith((" ", "-")):
            break
        match = re.match(r"^\s*(-\s+)?([A-Za-z0-9_-]+):\s*(.*)$", line)
        if not match:
            continue
        if match.group(1):
            current = {}
            sections.append(current)
        if current is not None:
            current[match.group(2)] = parse_scalar(match.group(3))
    return [(s["name"], s.get("title", s["name"]), s.get("path", s["name"])) for s in sections if "name" in s]


# ---------------------------------------------------------------------------------------------------

EDTF_START = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?[~?%]?$")


def hugo_date(value):
    """The start of an EDTF date as YYYY-MM-DD, or None."""
    if value is None:
        return None
    text = str(value).strip().split("/", 1)[0].strip()
    match = EDTF_START.match(text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{month}-{day}"


def term_names(value):
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML


def convert(site, out):
    """Writes the Hugo content tree; returns counts."""
    sections = site_sections(site)
    content_in = site / "Content"
    content_out = out / "content"
    stats = {"entries": 0, "dated": 0, "undated": 0, "unparsed_dates": [], "sections": len(sections)}
    seen = {}
    for name, title, path in sections:
        folder = content_in / name
        target = content_out / path if path else content_out
        target.mkdir(parents=True, exist_ok=True)
        if path:
            (target / "_index.md").write_text(f"---\ntitle: {yaml_string(title)}\n---\n", encoding="utf-8")
        if not folder.is_dir():
            continue
        for source in sorted(folder.rglob("*.md")):
            if source.name.startswith((".", "#")):
                continue
            fields, body = front_matter(source.read_text(encoding="utf-8"))
            slug = source.stem
            destination = target / f"{slug}.md"
            if destination in seen:
                sys.exit(f"hugo_corpus.py: {source} and {seen[destination]} both become {destination}")
            seen[destination] = source
            lines = ["---", f"title: {yaml_string(str(fields.get('title') or slug))}"]
            raw_date = fields.get("date")
            date = hugo_date(raw_date)
            if date:
                lines.append(f"date: {date}")
                stats["dated"] += 1
            elif raw_date is not None:
                stats["unparsed_dates"].append(f"{source.relative_to(site)}: {raw_date}")
            else:
                stats["undated"] += 1
            if fields.get("summary"):
                lines.append(f"summary: {yaml_string(str(fields['summary']))}")
            for taxonomy in ("people", "places", "topics"):
                names = term_names(fields.get(taxonomy))
                if names:
                    lines.append(f"{taxonomy}: [{', '.join(yaml_string(n) for n in names)}]")
            lines.append("---")
            destination.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
            stats["entries"] += 1
    timeline = content_out / "timeline"
    timeline.mkdir(parents=True, exist_ok=True)
    (timeline / "_index.md").write_text("---\ntitle: \"Timeline\"\ntimeline: true\n---\n", encoding="utf-8")
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, help="the Parley site (with Content/site.yaml)")
    parser.add_argument("--out", required=True, help="the folder to write (must not exist or be empty)")
    parser.add_argument("--site-files", help="a Hugo site's config and layouts to copy in (e.g. bench/hugo)")
    args = parser.parse_args()
    site, out = Path(args.site).resolve(), Path(args.out).resolve()
    if not (site / "Content" / "site.yaml").is_file():
        sys.exit(f"hugo_corpus.py: {site} is not a Parley site (no Content/site.yaml)")
    if out.exists() and any(out.iterdir()):
        sys.exit(f"hugo_corpus.py: {out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    if args.site_files:
        shutil.copytree(args.site_files, out, dirs_exist_ok=True)
    stats = convert(site, out)
    print(f"{stats['entries']} entries in {stats['sections']} sections: {stats['dated']} dated, "
          f"{stats['undated']} undated, {len(stats['unparsed_dates'])} with a date Hugo can't take (left undated)")
    for line in stats["unparsed_dates"][:10]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
