#!/usr/bin/env python3
"""The oracle for HTMLLinkScannerTests' differential test: what an HTML5 parser (html5lib, which follows the
WHATWG parsing algorithm) finds in each page that Parley's link scanner should find too.

Reads a JSON array of HTML documents on standard input; writes a JSON array with, for each document, its
links (element, attribute, value: every URL-valued attribute Parley's check follows, values as the parser
decoded them, ASCII whitespace stripped, srcset split into its URLs) and its ids (every id, and every name
of an a element)."""
import json
import sys

import html5lib

URL_ATTRIBUTES = {
    "a": ["href"], "area": ["href"], "link": ["href"],
    "img": ["src", "srcset"], "source": ["src", "srcset"], "script": ["src"], "iframe": ["src"],
    "audio": ["src"], "video": ["src", "poster"], "track": ["src"], "embed": ["src"], "input": ["src"],
}
HTML = "{http://www.w3.org/1999/xhtml}"
SPACES = " \t\n\r\f"


def srcset_urls(value):
    urls = []
    for candidate in value.split(","):
        parts = candidate.replace("\t", " ").replace("\n", " ").split(" ")
        parts = [p for p in parts if p]
        if parts:
            urls.append(parts[0])
    return urls


def scan(document):
    tree = html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=True)
    links, ids = [], set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith(HTML):
            continue
        tag = element.tag[len(HTML):]
        for name, value in element.attrib.items():
            if not isinstance(name, str):
                continue
            if name == "id" or (name == "name" and tag == "a"):
                ids.add(value)
            elif name in URL_ATTRIBUTES.get(tag, []):
                urls = srcset_urls(value) if name == "srcset" else [value.strip(SPACES)]
                links.extend([tag, name, url] for url in urls)
    return {"links": sorted(links), "ids": sorted(ids)}


json.dump([scan(document) for document in json.load(sys.stdin)], sys.stdout)
