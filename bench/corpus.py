#!/usr/bin/env python3
"""Writes a deterministic synthetic Parley site for benchmarks.

    python3 bench/corpus.py --entries N --seed S --out DIR

The site has Content/site.yaml (sections rounds, proposals and events, dated, and pages, undated),
N entries of about 8 KB of Markdown each, spread across the sections (dated ones in year folders),
Content/bibliography.yaml with N/5 sources in CSL YAML, and a copy of the repository's Templates/.
Every citation key, wiki link and `related` slug exists, and every source is cited, so the site builds
with no error and no warning.

The same (N, seed) always gives byte-identical files: everything comes from one random.Random(seed),
in a fixed order, with no clock and no set or hash order involved.

DIR must be missing, empty, or a corpus written by this script before (it holds the marker file
.parley-bench-corpus); such a corpus is replaced.
"""

import argparse
import calendar
import datetime
import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

MARKER = ".parley-bench-corpus"
REPO = Path(__file__).resolve().parent.parent
BODY_TARGET = 6400  # bytes of Markdown per entry body, on average (about 8 KB with the front matter)

# ---------------------------------------------------------------------------------------------------
# Pools. Fixed lists; everything combined from them is drawn in a fixed order.

GIVEN = """Adam Agnes Alan Alice Amara Andrew Anna Arjun Beatrice Benedikt Carla Carlos Chiara Clara Daniel
Dario Eamon Elena Elif Emil Erik Esther Fatima Felix Gabriel Greta Hannah Hugo Ines Isaac Jakob Jana Jonas
Julia Kamal Karin Laura Leon Lina Lucas Maja Marek Maria Martin Mei Nadia Nils Nora Oliver Paula Pedro
Rania Robert Rosa Samuel Sara Simon Sofia Tariq Teresa Thomas Valerie Victor Yusuf Zofia""".split()

FAMILY = """Abbott Adler Almeida Andersen Bauer Becker Bianchi Brandt Carter Castro Costa Dalton Dubois Eriksen
Esposito Fischer Fleming Fontaine Garcia Gallagher Hartmann Haddad Hoffmann Holm Jensen Keller Klein Kowalski
Lambert Larsen Lindqvist Marchetti Meyer Moreau Nakamura Nielsen Novak Okafor Oliveira Olsen Park Petersen
Ramos Reyes Richter Rossi Sato Schneider Silva Sorensen Stein Tanaka Torres Vogel Walsh Weber Wright Yilmaz
Ziegler""".split()

# People with an original spelling in Cyrillic: (name, original). Ukrainian and Russian-style names.
CYRILLIC_PEOPLE = [
    ("Olena Kovalenko", "Олена Коваленко"), ("Taras Shevchuk", "Тарас Шевчук"),
    ("Mykola Bondarenko", "Микола Бондаренко"), ("Iryna Melnyk", "Ірина Мельник"),
    ("Andriy Tkachenko", "Андрій Ткаченко"), ("Oksana Kravchenko", "Оксана Кравченко"),
    ("Yuliia Savchenko", "Юлія Савченко"), ("Bohdan Rudenko", "Богдан Руденко"),
    ("Dmitry Volkov", "Дмитрий Волков"), ("Sergei Morozov", "Сергей Морозов"),
    ("Yelena Sokolova", "Елена Соколова"), ("Pavel Lebedev", "Павел Лебедев"),
    ("Anastasia Belova", "Анастасия Белова"), ("Fyodor Yegorov", "Фёдор Егоров"),
]
CYRILLIC_PLACES = [
    ("Zhytomyr region", "Житомирська область"), ("Poltava", "Полтава"), ("Chernihiv", "Чернігів"),
    ("Vinnytsia", "Вінниця"), ("Smolensk", "Смоленск"),
]

SYLLABLES = """al an ar ba bel bor ca cer da del dor el en fa fel gar ha hel ka kel kor la lin lor ma mar mel
mir na nor ol or pa pel ra ren ros sa sel sor ta tel tor va vel vor za zel""".split()
PLACE_SUFFIXES = ["", "", "", " region", " valley", " port", " district", " crossing"]
COUNTRIES = """Valdoria Esterland Norvia Kalmar Serentia Ostrova Lumeria Drava Tessaly Morland Aravia Beltria
Caspia Dornia""".split()

TOPIC_ADJECTIVES = """Agricultural Border Civilian Coastal Cultural Diplomatic Economic Electoral Energy Environmental
Financial Humanitarian Industrial Judicial Legal Maritime Medical Military Nuclear Regional Rural Security
Territorial Urban""".split()
TOPIC_NOUNS = """access agreements aid amnesty arbitration blockades compensation corridors courts exchanges exports
guarantees inspections investment language-rights monitoring neutrality observers prisoners reconstruction
refugees sanctions supplies treaties verification""".split()

PARTIES = """Ukraine Russia Valdoria Esterland Norvia Kalmar Serentia Ostrova Lumeria Drava Türkiye
United-Nations European-Union OSCE Red-Cross African-Union Holy-See""".split()
PARTIES = [p.replace("-", " ") for p in PARTIES]
STATUSES = ["Rejected", "Not concluded", "Superseded by a later draft", "Partly carried out",
            "Under discussion", "Withdrawn by its authors"]

NEWSPAPERS = ["The Daily Courier", "Evening Herald", "The Valdorian Times", "Morning Ledger", "The Observer Weekly",
              "Northern Gazette", "The Capital Post", "Harbour Chronicle", "Kyiv Independent", "Le Quotidien"]
JOURNALS = ["Journal of Conflict Studies", "International Negotiation Review", "Security Dialogue Quarterly",
            "European Politics and Society", "Journal of Peace Research Notes", "Diplomacy and Statecraft Review"]
WEBSITES = ["Peace Talks Monitor", "Negotiation Tracker", "Conflict Archive", "Mediation Watch", "Ceasefire Log"]
PUBLISHERS = ["Harbour University Press", "Northgate Books", "Meridian Publishing", "Lindqvist & Sons",
              "Institute for Negotiation Studies"]
ORGANISATIONS = ["International Crisis Observatory", "Centre for Mediation", "Council on Regional Security",
                 "Humanitarian Access Group", "Institute for Negotiation Studies"]
CYRILLIC_TITLES = [("Переговори тривають", "The talks go on"), ("Нова пропозиція сторін", "A new proposal by the parties"),
                   ("Гуманітарні коридори", "Humanitarian corridors"), ("Обмін полоненими", "An exchange of prisoners")]

WORDS = """delegation negotiators ceasefire proposal agreement framework round talks meeting envoy mediator treaty
draft clause guarantee border corridor prisoners exchange observers mission statement communiqué document summit
sanctions ministers officials parties delegates timetable withdrawal monitoring inspection evacuation convoy
shelling frontline settlement referendum neutrality sovereignty security region capital port railway bridge
harbour river village town city province council parliament government president chancellor minister
spokesperson adviser committee commission report source account record archive interview letter memorandum
question position demand concession offer response rejection objection assurance reservation condition
principle deadline schedule agenda venue hotel palace embassy consulate border-crossing checkpoint supply
grain fuel medicine electricity water winter spring summer autumn morning evening week month year""".split()
VERBS = """met discussed proposed rejected accepted drafted signed postponed resumed suspended announced reported
confirmed denied described welcomed criticised questioned outlined revised circulated presented examined
reviewed endorsed opposed delayed extended prepared recorded noted stressed""".split()
ADJECTIVES = """first second third final early late brief lengthy formal informal public private joint separate
preliminary detailed partial broad narrow cautious firm tentative humanitarian military political economic
regional international bilateral multilateral""".split()
CONNECTIVES = ["In the end", "Later that day", "By then", "According to the minutes", "At the same time",
               "Shortly afterwards", "Meanwhile", "In response", "On the following morning", "As a result",
               "Before the meeting", "Despite this", "In a later statement", "Throughout the week"]
HEADINGS = ["Background", "The meeting", "Positions of the parties", "Proposals on the table", "Outcome",
            "Reactions", "Humanitarian questions", "Security arrangements", "Timeline of the talks",
            "Who took part", "Disputed points", "Aftermath", "Sources disagree", "Implementation", "Context"]
SUBHEADINGS = ["First day", "Second day", "Draft text", "Objections", "Observers' account", "Press statements",
               "Follow-up", "Open questions"]
LINK_TEXTS = ["the earlier meeting", "a related proposal", "the previous round", "that event", "the later talks",
              "the draft discussed there", "a similar case"]


def fold(text):
    """Case and accents folded, as Parley compares terms (close enough for ASCII and our Cyrillic names)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


PLAIN = re.compile(r"^[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF][^:#\[\]{}\"'&*!|>%@`]*$")


def scalar(text):
    """A YAML scalar: plain when that is safe, otherwise double-quoted (JSON escaping is valid YAML)."""
    if PLAIN.match(text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_item(text):
    """An item of a flow list `[a, b]`: plain text without commas, else quoted."""
    if PLAIN.match(text) and "," not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------

class Corpus:
    def __init__(self, entries, seed):
        self.n = entries
        self.rng = random.Random(seed)
        self.make_pools()
        self.make_sentences()

    # Pools of terms: a few hundred of each kind, unique after folding case and accents.

    def unique(self, candidates, count):
        seen, out = {}, []
        for name in candidates:
            key = fold(name)
            if key not in seen:
                seen[key] = True
                out.append(name)
            if len(out) == count:
                break
        return out

    def make_pools(self):
        rng = self.rng
        combos = [f"{g} {f}" for g in GIVEN for f in FAMILY]
        rng.shuffle(combos)
        people = [(name, None) for name in self.unique(combos, 300)]
        people += list(CYRILLIC_PEOPLE)
        self.people = people

        def place_name():
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            return word.capitalize() + rng.choice(PLACE_SUFFIXES)
        places = [(name, None) for name in self.unique((place_name() for _ in range(5000)), 280)]
        taken = {fold(n) for n, _ in places}
        places += [p for p in CYRILLIC_PLACES if fold(p[0]) not in taken]
        self.places = places

        topic_combos = [f"{a} {n.replace('-', ' ')}" for a in TOPIC_ADJECTIVES for n in TOPIC_NOUNS]
        rng.shuffle(topic_combos)
        self.topics = [(name, None) for name in self.unique(topic_combos, 300)]

    # A pool of sentences (without their final full stop), composed once, reused by every entry.

    def sentence(self):
        rng = self.rng
        words = []
        if rng.random() < 0.3:
            words.append(rng.choice(CONNECTIVES) + ",")
        words += ["the", rng.choice(ADJECTIVES), rng.choice(WORDS), rng.choice(VERBS), "the"]
        for _ in range(rng.randint(4, 14)):
            words.append(rng.choice(WORDS if rng.random() < 0.6 else (ADJECTIVES + ["of", "and", "with", "in"])))
        r = rng.random()
        i = rng.randrange(2, len(words))
        if r < 0.08:
            words[i] = f"*{words[i]}*"
        elif r < 0.12:
            words[i] = f"**{words[i]}**"
        elif r < 0.14:
            words[i] = f"`ref-{rng.randint(100, 999)}`"
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def make_sentences(self):
        self.sentences = [self.sentence() for _ in range(4000)]

    # Dates in EDTF, 2014–2026: mostly days, some months, intervals, approximate and uncertain ones.

    def day(self):
        rng = self.rng
        year = rng.randint(2014, 2026)
        month = rng.randint(1, 12)
        return datetime.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))

    def date(self):
        rng = self.rng
        start = self.day()
        r = rng.random()
        if r < 0.62:
            return start.isoformat(), start.year
        if r < 0.76:
            return f"{start.year:04d}-{start.month:02d}", start.year
        if r < 0.84:
            end = start + datetime.timedelta(days=rng.randint(1, 20))
            return f"{start.isoformat()}/{end.isoformat()}", start.year
        if r < 0.87:
            months = start.year * 12 + start.month - 1 + rng.randint(1, 5)
            return f"{start.year:04d}-{start.month:02d}/{months // 12:04d}-{months % 12 + 1:02d}", start.year
        if r < 0.92:
            return f"{start.year:04d}-{start.month:02d}~", start.year
        if r < 0.95:
            return f"{start.isoformat()}~", start.year
        if r < 0.97:
            return f"{start.isoformat()}?", start.year
        if r < 0.98:
            return f"{start.year:04d}-{start.month:02d}/..", start.year
        return f"{start.year:04d}", start.year

    # -----------------------------------------------------------------------------------------------

    def plan(self):
        """Who is who: each entry's section, title, slug and file; the sources and their keys."""
        rng = self.rng
        n = self.n
        # A few unlisted pages, as a real site has (About, Methods …): every page's footer lists them all, so
        # a number growing with N would make each page grow with N too.
        pages = max(1, min(5, n // 100))
        kinds = ["pages"] * pages
        for _ in range(n - pages):
            r = rng.random()
            kinds.append("rounds" if r < 0.2 else "proposals" if r < 0.36 else "events")
        rng.shuffle(kinds)
        width = max(5, len(str(n)))
        self.entries = []
        for i, section in enumerate(kinds):
            place = rng.choice(self.places)[0]
            topic = rng.choice(self.topics)[0]
            if section == "rounds":
                title = f"{rng.choice(['First', 'Second', 'Third', 'Further', 'Final', 'Technical'])} round of talks in {place}"
            elif section == "proposals":
                title = f"{rng.choice(PARTIES)} proposal on {topic.lower()}"
            elif section == "events":
                title = f"{topic} {rng.choice(['dispute', 'statement', 'visit', 'incident', 'agreement', 'announcement'])} in {place}"
            else:
                title = f"Notes on {topic.lower()}"
            slug = f"{slugify(title)}-{i + 1:0{width}d}"
            date, year = (None, None) if section == "pages" else self.date()
            folder = section if year is None else f"{section}/{year}"
            self.entries.append({"section": section, "title": title, "slug": slug, "date": date,
                                 "path": f"Content/{folder}/{slug}.md", "place": place, "topic": topic})

        count = max(1, n // 5)
        self.sources = []
        keys = {}
        for i in range(count):
            source = self.source()
            base = source.pop("_base")
            suffix, key = 0, base
            while key in keys:
                suffix += 1
                key = base + "abcdefghijklmnopqrstuvwxyz"[(suffix - 1) % 26] * ((suffix - 1) // 26 + 1)
            keys[key] = True
            self.sources.append({"id": key, **source})

    def source(self):
        rng = self.rng
        kind = rng.choice(["article-newspaper", "report", "webpage", "article-journal", "book"])
        year = rng.randint(2014, 2026)
        month = rng.randint(1, 12)
        issued = f"{year:04d}-{month:02d}-{rng.randint(1, calendar.monthrange(year, month)[1]):02d}"
        if rng.random() < 0.15:
            issued = issued[:7]
        s = {"type": kind}
        if kind == "report" and rng.random() < 0.6:
            org = rng.choice(ORGANISATIONS)
            s["author"] = [{"literal": org}]
            base = slugify(org).split("-")[0]
        elif kind == "webpage" and rng.random() < 0.5:
            base = slugify(rng.choice(WEBSITES)).replace("-", "")
        else:
            authors = []
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                given, family = rng.choice(GIVEN), rng.choice(FAMILY)
                authors.append({"family": family, "given": given})
            s["author"] = authors
            base = authors[0]["family"].lower()
        s["_base"] = f"{base}{year}"
        if rng.random() < 0.05:
            original, translated = rng.choice(CYRILLIC_TITLES)
            s["title"] = original
            s["translated-title"] = translated
            s["language"] = "uk"
        else:
            words = rng.sample(WORDS, 4)
            s["title"] = f"{rng.choice(ADJECTIVES).capitalize()} {words[0]} on {words[1]} and {words[2]} {words[3]}"
        if kind == "article-newspaper":
            s["container-title"] = rng.choice(NEWSPAPERS)
        elif kind == "article-journal":
            s["container-title"] = rng.choice(JOURNALS)
            s["volume"] = str(rng.randint(1, 40))
            first = rng.randint(1, 400)
            s["page"] = f"{first}-{first + rng.randint(5, 30)}"
        elif kind == "webpage":
            s["container-title"] = rng.choice(WEBSITES)
        else:
            s["publisher"] = rng.choice(PUBLISHERS)
        s["issued"] = issued
        if kind == "webpage" or rng.random() < 0.35:
            s["URL"] = f"https://example.org/{slugify(s.get('container-title', s.get('publisher', 'docs')))}/{year}/{rng.randint(1000, 99999)}"
            if rng.random() < 0.5:
                s["accessed"] = f"{min(year + 1, 2026):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return s

    # -----------------------------------------------------------------------------------------------

    def citation(self, key):
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return f"[@{key}]", False
        if r < 0.7:
            return f"[@{key}, p. {rng.randint(1, 300)}]", False
        if r < 0.8:
            other = rng.choice(self.sources)["id"]
            return (f"[@{key}; @{other}]" if other != key else f"[@{key}]"), False
        if r < 0.88:
            return f"[see @{key}, chap. {rng.randint(1, 12)}]", False
        return f"@{key}", True  # in the text: "@key reports that …"

    def body(self, index):
        rng = self.rng
        entry = self.entries[index]
        target = int(BODY_TARGET * rng.uniform(0.85, 1.15))

        # Blocks: ("p", [sentences]), ("h2"/"h3", text), ("ul"/"ol", [items]), ("quote", sentence)
        blocks = []
        size = 0

        def paragraph():
            nonlocal size
            sentences = [rng.choice(self.sentences) for _ in range(rng.randint(3, 7))]
            blocks.append(["p", sentences])
            size += sum(len(s) + 2 for s in sentences)

        paragraph()
        headings = rng.sample(HEADINGS, len(HEADINGS))
        h = 0
        while size < target or h < 3:
            blocks.append(["h2", headings[h % len(headings)] if h < len(headings) else f"{headings[h % len(headings)]} ({h // len(headings) + 1})"])
            for _ in range(rng.randint(1, 2)):
                paragraph()
            if rng.random() < 0.4:
                items = [rng.choice(self.sentences) for _ in range(rng.randint(3, 5))]
                blocks.append(["ul" if rng.random() < 0.6 else "ol", items])
                size += sum(len(s) + 4 for s in items)
            if h == 0:
                blocks.append(["quote", rng.choice(self.sentences)])
                size += 200
            if rng.random() < 0.25:
                blocks.append(["h3", rng.choice(SUBHEADINGS)])
                paragraph()
            h += 1

        # Citations (3–10; the first one cycles through every source so that each is cited) and wiki links (2–5),
        # each at the end of a sentence of a paragraph.
        slots = [(b, s) for b, block in enumerate(blocks) if block[0] == "p" for s in range(len(block[1]))]
        keys = [self.sources[index % len(self.sources)]["id"]]
        keys += [rng.choice(self.sources)["id"] for _ in range(rng.randint(2, 9))]
        links = []
        for _ in range(rng.randint(2, 5)):
            other = rng.randrange(len(self.entries) - 1)
            links.append(self.entries[other + (other >= index)]["slug"] if len(self.entries) > 1 else None)
        links = [slug for slug in links if slug]
        marks = {}
        for key in keys:
            marks.setdefault(rng.choice(slots), []).append(("cite", key))
        for slug in links:
            marks.setdefault(rng.choice(slots), []).append(("link", slug))

        out = []
        for b, block in enumerate(blocks):
            kind = block[0]
            if kind == "p":
                sentences = []
                for s, text in enumerate(block[1]):
                    prefix, suffix, after = "", "", ""
                    for what, value in marks.get((b, s), []):
                        if what == "cite":
                            cite, in_text = self.citation(value)
                            if in_text and not prefix:
                                prefix = f"{cite} reports that "
                            else:
                                suffix += " " + (f"[@{value}]" if in_text else cite)
                        elif rng.random() < 0.5:
                            after += f" See [[{value}]]."
                        else:
                            after += f" Compare [[{value}|{rng.choice(LINK_TEXTS)}]]."
                    if prefix:
                        text = prefix + text[0].lower() + text[1:]
                    sentences.append(text + suffix + "." + after)
                out.append(" ".join(sentences))
            elif kind == "h2":
                out.append(f"## {block[1]}")
            elif kind == "h3":
                out.append(f"### {block[1]}")
            elif kind == "ul":
                out.append("\n".join(f"- {item}." for item in block[1]))
            elif kind == "ol":
                out.append("\n".join(f"{i + 1}. {item}." for i, item in enumerate(block[1])))
            else:
                out.append(f"> {block[1]}.\n>\n> {rng.choice(self.sentences)}.")
        return "\n\n".join(out) + "\n"

    def front_matter(self, index):
        rng = self.rng
        e = self.entries[index]
        lines = ["---", f"title: {scalar(e['title'])}"]
        if e["date"]:
            lines.append(f"date: {e['date']}")
        summary = rng.choice(self.sentences).replace("*", "").replace("`", "")
        lines.append(f"summary: {scalar(summary + '.')}")
        if e["section"] != "pages":
            lines.append(f"location: {scalar(e['place'] + ', ' + rng.choice(COUNTRIES))}")
            lines.append(f"participants: [{', '.join(flow_item(p) for p in rng.sample(PARTIES, rng.randint(2, 4)))}]")

        def terms(pool, low, high, extra=None):
            chosen = rng.sample(pool, rng.randint(low, high))
            if extra and extra not in chosen:
                chosen.append(extra)
            items = []
            for name, original in chosen:
                if original:
                    items.append(f"{{name: {flow_item(name)}, original: {flow_item(original)}}}")
                else:
                    items.append(flow_item(name))
            return "[" + ", ".join(items) + "]"

        lines.append(f"people: {terms(self.people, 1, 5)}")
        lines.append(f"places: {terms(self.places, 1, 3, next(p for p in self.places if p[0] == e['place']))}")
        lines.append(f"topics: {terms(self.topics, 1, 4, (e['topic'], None))}")
        if e["section"] == "proposals":
            lines.append(f"status: {scalar(rng.choice(STATUSES))}")
            lines.append(f"proposed-by: [{', '.join(flow_item(p) for p in rng.sample(PARTIES, rng.randint(1, 2)))}]")
        if len(self.entries) > 1 and rng.random() < 0.6:
            related = []
            for _ in range(rng.randint(1, 3)):
                other = rng.randrange(len(self.entries) - 1)
                slug = self.entries[other + (other >= index)]["slug"]
                if slug not in related:
                    related.append(slug)
            lines.append(f"related: [{', '.join(related)}]")
        lines.append("---")
        return "\n".join(lines) + "\n"

    # -----------------------------------------------------------------------------------------------

    def site_yaml(self):
        return """# A synthetic site for Parley's benchmarks, written by bench/corpus.py.
title: Parley benchmark corpus
description: A synthetic, deterministic reference site of {n} entries for measuring Parley.
base-url: https://example.org/
language: en
sections:
  - name: rounds
    title: Rounds of talks
    singular: Round of talks
    description: Each meeting of the delegations.
    dated: true
    schema: {{type: Event, location: location, attendee: participants, attendee-type: Organization}}
  - name: proposals
    title: Proposals
    singular: Proposal
    description: Frameworks, demands and plans put on the table.
    dated: true
  - name: events
    title: Events
    singular: Event
    description: What happened around the talks.
    dated: true
    schema: {{type: Event, location: location, attendee: participants, attendee-type: Organization}}
  - name: pages
    title: Pages
    singular: Page
    path: ""
    listed: false
fields:
  - name: location
    type: text
  - name: participants
    type: list
  - name: status
    type: text
  - name: proposed-by
    type: list
subjects:
  - name: people
    title: People
    singular: person
    sort: surname
  - name: places
    title: Places
    singular: place
  - name: topics
    title: Topics
    singular: topic
""".format(n=self.n)

    def bibliography_yaml(self):
        out = ["# Synthetic sources for Parley's benchmarks, written by bench/corpus.py.", "references:"]
        for s in self.sources:
            out.append(f"  - id: {s['id']}")
            for field, value in s.items():
                if field == "id":
                    continue
                if field == "author":
                    out.append("    author:")
                    for name in value:
                        if "literal" in name:
                            out.append(f"      - literal: {scalar(name['literal'])}")
                        else:
                            out.append(f"      - family: {scalar(name['family'])}")
                            out.append(f"        given: {scalar(name['given'])}")
                else:
                    out.append(f"    {field}: {json.dumps(value, ensure_ascii=False)}")
            out.append("")
        return "\n".join(out)

    def write(self, out):
        self.plan()
        files = [("Content/site.yaml", self.site_yaml())]
        for i, e in enumerate(self.entries):
            files.append((e["path"], self.front_matter(i) + self.body(i)))
        files.append(("Content/bibliography.yaml", self.bibliography_yaml()))
        folders = sorted({str(Path(p).parent) for p, _ in files})
        for folder in folders:
            (out / folder).mkdir(parents=True, exist_ok=True)
        markdown = 0
        for path, text in files:
            data = text.encode("utf-8")
            if path.endswith(".md"):
                markdown += len(data)
            (out / path).write_bytes(data)
        return markdown


def prepare(out):
    """Refuses a non-empty folder that is not a corpus; empties one that is."""
    if out.exists():
        if not out.is_dir():
            sys.exit(f"corpus.py: {out} exists and is not a folder")
        if any(out.iterdir()):
            if not (out / MARKER).is_file():
                sys.exit(f"corpus.py: {out} is not empty and has no {MARKER} marker; refusing to write into it")
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def copy_templates(out):
    source = REPO / "Templates"
    for folder, dirs, names in os.walk(source):
        dirs.sort()
        relative = Path(folder).relative_to(source)
        (out / "Templates" / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            shutil.copyfile(Path(folder) / name, out / "Templates" / relative / name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, required=True, help="number of entries")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="the folder to write the site into")
    args = parser.parse_args()
    if args.entries < 1:
        parser.error("--entries must be at least 1")

    started = time.perf_counter()
    out = Path(args.out)
    prepare(out)
    corpus = Corpus(args.entries, args.seed)
    markdown = corpus.write(out)
    copy_templates(out)
    (out / MARKER).write_text(f"entries={args.entries} seed={args.seed}\n")
    print(f"Wrote {args.entries} entries ({markdown / 1e6:.1f} MB of Markdown) and {len(corpus.sources)} sources "
          f"to {out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
