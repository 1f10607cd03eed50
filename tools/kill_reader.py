#!/usr/bin/env python3
"""The outside-reader kill test: builds killed at random never let a reader of the output see two builds at once.

    python3 tools/kill_reader.py [--trials 20] [--entries 2000] [--seed 1] [--binary .build/debug/parley]

A synthetic site (bench/corpus.py's entries, each body cut to its lead paragraph and its citations, with templates
that show little but the title, so that a build takes seconds with the debug binary; the same pages at the same
paths) is built in two variants that differ on every page: the site's title is
KillReaderVariantA or KillReaderVariantB, and every HTML page shows it. In each trial the site switches to the
other variant and `parley build` starts, as a whole build (`--no-cache`, even trials) or a cached one (odd
trials); it is killed with SIGKILL after a random delay between 0 and the measured time of a whole build (a
cached build renders every page again too, the title having changed), or, in every fifth trial, by the build
itself at a named point (PARLEY_KILL_AT); then a build of the same kind runs to completion (the recovery build),
which must succeed.

All the while a reader thread walks Public/ over and over, as a web server or a sync job would: each walk opens
Public/ once as a folder descriptor and reads every HTML page through it (openat, scandir on descriptors). A
walk that sees pages of both variants fails the test. A file or folder that vanishes during a walk (the tree it
opened was replaced and deleted) is counted apart: that reader still saw one build only.

After each kill, Public/ at rest must be all one variant, equal to the output of a fresh build of the old or
the new one. After each recovery build, Public/ must equal, file for file and byte for byte, a fresh
`--no-cache` build of the variant (the site's first build for A, a build in a copy of the site for B), and no
`.Public.parley-*` file or folder may be left beside it. Any failure gives exit status 1 and a summary; a
problem with the test itself (no binary, a first build failing) gives 2.

The trial plan (kinds, delays as fractions of a build's time, kill points) follows from --seed; where in a
build a delay lands depends on the machine's speed.
"""

import argparse
import hashlib
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARKERS = {"A": b"KillReaderVariantA", "B": b"KillReaderVariantB"}
TITLE_LINE = re.compile(r"^title: .*$", re.M)
# Kill points used in every fifth trial, by the kind of build they belong to: `KIND:POINT`. A default point that
# the sources (Sources/ParleyKit/Write/) no longer name is replaced by a random delay, with a warning.
DEFAULT_KILL_POINTS = "whole:exchanged,cached:exchanged,whole:staged,cached:update-staged"
HEAD_BYTES = 8192  # the marker is in the page's <title>, near the top


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# The site


# Templates that show little besides the site's title (the marker) and an entry's body: the pages, their paths and
# their number are the corpus's, but a debug build renders them in a third of the time the full templates take.
BASE_TEMPLATE = """<!DOCTYPE html>
<html lang="{{site.language}}">
<head><meta charset="utf-8"><title>{{$title}}{{page.title}} · {{site.title}}{{/title}}</title></head>
<body>
{{$main}}{{/main}}
</body>
</html>
"""
TEMPLATES = {
    "base.mustache": BASE_TEMPLATE,
    "entry.mustache": "{{<base}}{{$main}}{{#entry}}<h1>{{title}}</h1>\n{{{body}}}\n{{/entry}}{{/main}}{{/base}}\n",
    "alias.mustache": '<!DOCTYPE html>\n<html lang="{{site.language}}"><head><meta charset="utf-8">'
                      "<title>{{entry.title}} · {{site.title}}</title></head><body></body></html>\n",
    **{f"{name}.mustache": f"{{{{<base}}}}{{{{$main}}}}<h1>{name}</h1>{{{{/main}}}}{{{{/base}}}}\n"
       for name in ("404", "bibliography", "home", "section", "subject", "subjects", "timeline")},
}


def make_site(folder, entries, seed):
    """Writes the corpus with the templates above, and cuts each entry's body to its lead paragraph and a line
    citing what it cited."""
    subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), "--entries", str(entries), "--seed", str(seed),
                    "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(folder / "Templates")
    (folder / "Templates").mkdir()
    for name, text in TEMPLATES.items():
        (folder / "Templates" / name).write_text(text)
    keys = set(re.findall(r"^  - id: (\S+)$", (folder / "Content" / "bibliography.yaml").read_text(), re.M))
    for path in sorted((folder / "Content").rglob("*.md")):
        text = path.read_text()
        body_start = text.index("\n---\n", 4) + 5
        cut = text.find("\n## ", body_start)
        if cut < 0:
            continue
        cited = []
        for key in re.findall(r"@([\w-]+)", text[body_start:]):
            if key in keys and key not in cited:
                cited.append(key)
        tail = ("\nSources: [" + "; ".join("@" + k for k in cited) + "].\n") if cited else ""
        path.write_text(text[:cut + 1] + tail)


def set_variant(site, variant):
    path = site / "Content" / "site.yaml"
    text = path.read_text()
    path.write_text(TITLE_LINE.sub("title: " + MARKERS[variant].decode(), text, count=1))


# ---------------------------------------------------------------------------------------------------------------
# Trees: what a folder holds, compared with a reference


def snapshot(root):
    """Every file, link and folder under `root`: relative path → ("f", sha256) / ("l", target) / ("d",)."""
    tree = {}
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        for name in dirs + files:
            full = os.path.join(folder, name)
            key = name if rel == "." else os.path.join(rel, name)
            if os.path.islink(full):
                tree[key] = ("l", os.readlink(full))
            elif name in dirs:
                tree[key] = ("d",)
            else:
                with open(full, "rb") as f:
                    tree[key] = ("f", hashlib.sha256(f.read()).hexdigest())
    return tree


def difference(tree, reference):
    """A short description of how `tree` differs from `reference`, or None."""
    missing = sorted(set(reference) - set(tree))
    extra = sorted(set(tree) - set(reference))
    changed = sorted(k for k in set(tree) & set(reference) if tree[k] != reference[k])
    if not (missing or extra or changed):
        return None
    parts = []
    for label, items in (("missing", missing), ("extra", extra), ("different", changed)):
        if items:
            parts.append(f"{len(items)} {label} ({', '.join(items[:3])}{', …' if len(items) > 3 else ''})")
    return "; ".join(parts)


def leftovers(output):
    prefix = "." + output.name + ".parley-"
    return sorted(n for n in os.listdir(output.parent) if n.startswith(prefix))


# ---------------------------------------------------------------------------------------------------------------
# The reader


class Walk:
    __slots__ = ("start", "end", "counts", "samples", "vanished", "unmarked", "errors", "no_output")

    def __init__(self):
        self.start = time.monotonic()
        self.end = None
        self.counts = {"A": 0, "B": 0}
        self.samples = {"A": [], "B": []}
        self.vanished = 0
        self.unmarked = []
        self.errors = []
        self.no_output = False

    @property
    def mixed(self):
        return self.counts["A"] > 0 and self.counts["B"] > 0


def classify(head, fd):
    """The variants whose marker a page shows, reading past the head only when the head shows none."""
    found = [v for v, m in MARKERS.items() if m in head]
    if found or len(head) < HEAD_BYTES:
        return found, head
    rest = [head]
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        rest.append(chunk)
    data = b"".join(rest)
    return [v for v, m in MARKERS.items() if m in data], data


def walk(output):
    """One walk of `output`, through a descriptor opened once at its start."""
    w = Walk()
    try:
        root = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        w.no_output = True
        w.end = time.monotonic()
        return w
    stack = [(root, "")]
    while stack:
        dfd, rel = stack.pop()
        try:
            with os.scandir(dfd) as it:
                items = list(it)
        except OSError as error:
            w.errors.append(f"{rel or '.'}: {error.strerror}")
            items = []
        for item in items:
            path = rel + item.name
            try:
                is_dir = item.is_dir(follow_symlinks=False)
            except OSError:
                w.vanished += 1
                continue
            if is_dir:
                try:
                    sub = os.open(item.name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=dfd)
                except FileNotFoundError:
                    w.vanished += 1
                    continue
                except OSError as error:
                    w.errors.append(f"{path}/: {error.strerror}")
                    continue
                stack.append((sub, path + "/"))
            elif item.name.endswith(".html"):
                try:
                    fd = os.open(item.name, os.O_RDONLY, dir_fd=dfd)
                except FileNotFoundError:
                    w.vanished += 1
                    continue
                except OSError as error:
                    w.errors.append(f"{path}: {error.strerror}")
                    continue
                try:
                    found, _ = classify(os.read(fd, HEAD_BYTES), fd)
                finally:
                    os.close(fd)
                if len(found) != 1:
                    w.unmarked.append(path)
                    continue
                variant = found[0]
                w.counts[variant] += 1
                if len(w.samples[variant]) < 3:
                    w.samples[variant].append(path)
        os.close(dfd)
    w.end = time.monotonic()
    return w


class Reader(threading.Thread):
    """Walks the output again and again until stopped, at a lower priority than the builds."""

    def __init__(self, output):
        super().__init__(daemon=True)
        self.output = output
        self.walks = []
        self.stopping = threading.Event()
        self.failure = None
        self.cpu = 0.0

    def run(self):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        try:
            while not self.stopping.is_set():
                self.walks.append(walk(self.output))
        except BaseException as error:  # reported by the main thread
            self.failure = error
        self.cpu = time.thread_time()

    def stop(self):
        self.stopping.set()
        self.join()


# ---------------------------------------------------------------------------------------------------------------
# Builds


class Builder:
    def __init__(self, binary, site, logs, deadline):
        self.binary, self.site, self.logs, self.deadline = binary, site, logs, deadline
        self.phases = []  # (start, end, trial, label)

    def start(self, kind, name, kill_at=None):
        env = dict(os.environ)
        env.pop("PARLEY_KILL_AT", None)
        env.pop("PARLEY_PAGEFIND", None)
        if kill_at:
            env["PARLEY_KILL_AT"] = kill_at
        args = [str(self.binary), "build"] + (["--no-cache"] if kind == "whole" else [])
        out = open(self.logs / f"{name}.log", "wb")
        proc = subprocess.Popen(args, cwd=self.site, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        out.close()
        return proc

    def complete(self, kind, name, trial, label):
        """A build run to its end; its duration in seconds. A failing build stops the test."""
        start = time.monotonic()
        proc = self.start(kind, name)
        try:
            rc = proc.wait(timeout=max(1.0, self.deadline - start))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            raise OverTime(f"{name} was still running when the time limit was reached")
        end = time.monotonic()
        self.phases.append((start, end, trial, label))
        if rc != 0:
            raise BuildError(f"{name}: `parley build{' --no-cache' if kind == 'whole' else ''}` exited with {rc}",
                             self.logs / f"{name}.log")
        return end - start

    def killed(self, kind, name, trial, delay=None, kill_at=None):
        """A build killed after `delay` seconds, or by itself at `kill_at`; (exit status, seconds it ran)."""
        start = time.monotonic()
        proc = self.start(kind, name, kill_at)
        try:
            rc = proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            rc = proc.wait()
        end = time.monotonic()
        self.phases.append((start, end, trial, f"{kind} build (killed)"))
        return rc, end - start


class OverTime(Exception):
    pass


class BuildError(Exception):
    def __init__(self, message, log_path):
        super().__init__(message)
        self.log_path = log_path


def kill_points_in_sources():
    names = set()
    for path in (REPO / "Sources" / "ParleyKit" / "Write").glob("*.swift"):
        names.update(re.findall(r'KillPoint\.reached\("([^"]+)"\)', path.read_text()))
    return names


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="killed builds (default 20)")
    parser.add_argument("--entries", type=int, default=2000, help="entries in the site (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the site and of the trial plan (default 1)")
    parser.add_argument("--binary", default=str(REPO / ".build" / "debug" / "parley"), help="the parley to test")
    parser.add_argument("--kill-points", default=DEFAULT_KILL_POINTS,
                        help=f"KIND:POINT,… for PARLEY_KILL_AT in every fifth trial (default {DEFAULT_KILL_POINTS}; "
                             "empty for none)")
    parser.add_argument("--time-limit", type=float, default=1200,
                        help="seconds the whole test may take; past them it stops and fails (default 1200)")
    parser.add_argument("--work", help="the folder to work in (default: a new temporary folder, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    binary = Path(args.binary).resolve()
    if not os.access(binary, os.X_OK):
        sys.exit(f"kill_reader.py: no executable parley at {binary} (build it with `make build`)")
    began = time.monotonic()
    work = Path(args.work).resolve() if args.work else Path(tempfile.mkdtemp(prefix="parley-kill-reader-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        status = run(args, binary, work, began)
    except BuildError as error:
        log(f"\nkill_reader.py: {error}")
        try:
            log("".join(error.log_path.read_text(errors="replace").splitlines(True)[-15:]))
        except OSError:
            pass
        status = 2
    except OverTime as error:
        log(f"\nFAILED: over the time limit of {args.time_limit:.0f} s: {error}")
        status = 1
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    log(f"Total time: {time.monotonic() - began:.1f} s")
    sys.exit(status)


def run(args, binary, work, began):
    rng = random.Random(args.seed)
    site, ref_site, logs = work / "site", work / "reference-site", work / "logs"
    output = site / "Public"
    for folder in (site, ref_site, logs):
        if folder.exists():
            shutil.rmtree(folder)
    logs.mkdir()

    # The plan, drawn before anything is measured: kinds alternate; every fifth trial is killed at a named point.
    known = kill_points_in_sources()
    points = {"whole": [], "cached": []}
    warnings = []
    for spec in filter(None, (s.strip() for s in args.kill_points.split(","))):
        kind, _, point = spec.partition(":")
        if kind not in points or not point:
            sys.exit(f"kill_reader.py: --kill-points wants KIND:POINT with KIND whole or cached, not {spec!r}")
        if args.kill_points == DEFAULT_KILL_POINTS and known and point not in known:
            warnings.append(f"kill point {point!r} is not in Sources/ParleyKit/Write/ (renamed?): a random delay "
                            f"is used instead")
            continue
        points[kind].append(point)
    plan, used = [], {"whole": 0, "cached": 0}
    for i in range(args.trials):
        kind = "whole" if i % 2 == 0 else "cached"
        fraction = rng.random()
        point = None
        if i % 5 == 4 and points[kind]:
            point = points[kind][used[kind] % len(points[kind])]
            used[kind] += 1
        plan.append((kind, fraction, point))
    for warning in warnings:
        log("warning: " + warning)

    log(f"Site: {args.entries} entries (seed {args.seed}) in {work}; parley: {binary}")
    t = time.monotonic()
    make_site(site, args.entries, args.seed)
    shutil.copytree(site / "Content", ref_site / "Content")
    shutil.copytree(site / "Templates", ref_site / "Templates")
    log(f"  written in {time.monotonic() - t:.1f} s")

    # Fresh builds of both variants, what every recovery must equal: A is the site's first build, into an output
    # that does not exist yet; B is built in a separate copy of the site, whose cache the site never sees.
    deadline = began + args.time_limit
    builder = Builder(binary, site, logs, deadline)
    set_variant(site, "A")
    seconds = [builder.complete("whole", "reference-A", None, "setup")]
    references = {"A": snapshot(output)}
    set_variant(ref_site, "B")
    seconds.append(Builder(binary, ref_site, logs, deadline).complete("whole", "reference-B", None, "setup"))
    references["B"] = snapshot(ref_site / "Public")
    for variant, root in (("A", output), ("B", ref_site / "Public")):
        for page in (k for k, v in references[variant].items() if k.endswith(".html") and v[0] == "f"):
            data = (root / page).read_bytes()
            if MARKERS[variant] not in data or MARKERS["B" if variant == "A" else "A"] in data:
                raise BuildError(f"the page {page} of variant {variant} does not show only its variant's title; "
                                 "the test cannot tell its builds apart", logs / f"reference-{variant}.log")
    shutil.rmtree(ref_site)
    page_count = sum(1 for k in references["A"] if k.endswith(".html"))
    # A cached build after the title changed renders every page again, as a whole build does: both kinds of
    # trial draw their delays over the same measured time.
    build_time = sum(seconds) / len(seconds)
    log(f"Two whole builds (A, B) in {seconds[0]:.1f} s and {seconds[1]:.1f} s; {page_count} pages, "
        f"{len(references['A'])} files and folders each")
    failures = []
    current = "A"

    reader = Reader(output)
    reader.start()
    results = []
    try:
        for i, (kind, fraction, point) in enumerate(plan):
            if time.monotonic() > deadline:
                raise OverTime(f"{i} of {len(plan)} trials were done")
            new = "A" if current == "B" else "B"
            set_variant(site, new)
            name = f"trial-{i + 1:02d}-{kind}"
            if point:
                rc, ran = builder.killed(kind, name, i, kill_at=point)
                how = f"killed itself at {point!r}" if rc == -signal.SIGKILL else f"never reached {point!r}"
            else:
                delay = fraction * build_time
                rc, ran = builder.killed(kind, name, i, delay=delay)
                how = f"killed after {ran:.2f} s" if rc == -signal.SIGKILL else f"finished in {ran:.2f} s, before the kill"
            problems = []
            if rc not in (0, -signal.SIGKILL):
                problems.append(f"the build exited with {rc}")
            # At rest after the kill: one build's output, whole.
            rest_start = time.monotonic()
            tree = snapshot(output) if output.exists() else {}
            rest = [v for v in (current, new) if difference(tree, references[v]) is None]
            if not rest:
                w = walk(output)
                problems.append(f"at rest after the kill, Public/ is neither build's output "
                                f"({w.counts['A']} pages of A, {w.counts['B']} of B; against {new}: "
                                f"{difference(tree, references[new])})")
            builder.phases.append((rest_start, time.monotonic(), i, "at rest after the kill"))
            try:
                recovery = builder.complete(kind, name + "-recovery", i, f"{kind} recovery build")
            except BuildError as error:
                tail = error.log_path.read_text(errors="replace").splitlines()[-5:]
                problems.append(f"{error}, so the kill blocked the next build:\n      " + "\n      ".join(tail))
                results.append((i, kind, how, rest, None, problems))
                log(f"Trial {i + 1:2d}/{len(plan)} {kind:6s} → {new}: {how}; the recovery build FAILED; "
                    "the remaining trials are not run")
                break
            diff = difference(snapshot(output), references[new])
            if diff:
                problems.append(f"after the recovery build, Public/ differs from a fresh build of {new}: {diff}")
            left = leftovers(output)
            if left:
                problems.append(f"left beside the output after the recovery build: {', '.join(left)}")
            results.append((i, kind, how, rest, recovery, problems))
            log(f"Trial {i + 1:2d}/{len(plan)} {kind:6s} → {new}: {how}; at rest: "
                f"{'output of ' + '/'.join(rest) if rest else 'NOT one build'}; recovery {recovery:.1f} s"
                + "".join(f"\n    FAIL: {p}" for p in problems))
            current = new
    finally:
        reader.stop()
    if reader.failure:
        raise reader.failure

    # Each walk belongs to the trial in which it started (it reads the tree it opened then), and is described by
    # the phases it overlapped.
    trial_starts = sorted((start, trial) for start, _, trial, label in builder.phases if label.endswith("(killed)"))

    def trial_of(w):
        found = None
        for start, trial in trial_starts:
            if start <= w.start:
                found = trial
        return found

    def phases_of(w):
        return sorted({(trial, label) for start, end, trial, label in builder.phases
                       if trial is not None and start < w.end and w.start < end})

    by_kind = {k: {"walks": 0, "mixed": 0, "vanished": 0, "vanishing_walks": 0} for k in ("whole", "cached")}
    mixed, unmarked, errors, no_output = [], [], [], 0
    for w in reader.walks:
        overlapped = phases_of(w)
        trial = trial_of(w)
        if trial is not None:
            c = by_kind[plan[trial][0]]
            c["walks"] += 1
            c["vanished"] += w.vanished
            c["vanishing_walks"] += w.vanished > 0
            c["mixed"] += w.mixed
        overlapped = [(t, label) for t, label in overlapped if t == trial] or overlapped
        if w.mixed:
            mixed.append((w, overlapped))
        if w.unmarked:
            unmarked.append((w, overlapped))
        errors.extend(w.errors)
        no_output += w.no_output

    log("")
    log(f"Reader: {len(reader.walks)} walks of Public/ ({page_count} pages each when whole); "
        f"{sum(w.vanished for w in reader.walks)} files or folders vanished during "
        f"{sum(1 for w in reader.walks if w.vanished)} walks (a tree replaced while read: not a mix); "
        f"{no_output} walks found no Public/")
    for k, c in by_kind.items():
        log(f"  during {k} trials: {c['walks']} walks, {c['mixed']} saw two builds' pages, "
            f"{c['vanishing_walks']} saw files vanish ({c['vanished']} in all)")
    for w, overlapped in mixed[:6]:
        where = "; ".join(f"trial {t + 1} {label}" for t, label in overlapped)
        log(f"  MIXED walk at {w.start - began:.1f} s ({where}): {w.counts['A']} pages of A "
            f"(e.g. {', '.join(w.samples['A'])}), {w.counts['B']} of B (e.g. {', '.join(w.samples['B'])})")
    if len(mixed) > 6:
        log(f"  … and {len(mixed) - 6} more mixed walks")
    for w, overlapped in unmarked[:3]:
        log(f"  UNREADABLE pages (no single variant's title) in a walk during "
            f"{', '.join(f'trial {t + 1}' for t, _ in overlapped) or 'no build'}: {', '.join(w.unmarked[:3])}")
    if errors:
        log(f"  {len(errors)} other errors while reading, e.g. {'; '.join(errors[:3])}")

    for i, kind, how, rest, recovery, problems in results:
        failures.extend(f"trial {i + 1} ({kind}): {p}" for p in problems)
    if mixed:
        kinds = sorted({plan[trial_of(w)][0] for w, o in mixed if trial_of(w) is not None})
        failures.append(f"{len(mixed)} walks saw pages of two builds at once (during {' and '.join(kinds)} trials)")
    if unmarked:
        failures.append(f"{len(unmarked)} walks read a page showing no single build's title")
    killed = sum(1 for r in results if r[2].startswith("killed"))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    log("")
    log(f"{len(results)} trials ({killed} builds killed), {args.entries} entries, seed {args.seed}: "
        f"{time.monotonic() - began:.0f} s; CPU {children.ru_utime + children.ru_stime:.0f} s in builds, "
        f"{reader.cpu:.0f} s in the reader")
    for warning in warnings:
        log("warning: " + warning)
    if failures:
        log(f"FAILED ({len(failures)}):")
        for f in failures:
            log("  - " + f)
        return 1
    log("PASSED: no reader saw two builds at once; every recovery equals a fresh build; nothing left beside it")
    return 0


if __name__ == "__main__":
    main()
