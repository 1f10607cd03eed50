import ParleyKit

/// The script every page gets in preview: reloads after a good build and shows a failed build's errors.
enum LiveReloadScript {
    /// Where the script is served; the `/_parley/` prefix is reserved for the server.
    static let path = "/_parley/live.js"

    /// The tag inserted into pages.
    static let tag = "<script src=\"\(path)\"></script>"

    /// Part of every page's ETag, so that a new script is never hidden by a 304: the script is part of the
    /// program, so the program's build (the XXH3-128 of its bytes) changes with it.
    static let version = "lr" + Parley.programKey.prefix(16)

    /// Inserts `tag` just before the last `</body>` (any case), or at the end if there is none.
    static func inject(into page: [UInt8]) -> [UInt8] {
        let tagBytes = Array(tag.utf8)
        guard let index = lastBodyClose(in: page) else { return page + tagBytes }
        var result = page
        result.insert(contentsOf: tagBytes, at: index)
        return result
    }

    private static func lastBodyClose(in page: [UInt8]) -> Int? {
        let needle = Array("</body>".utf8)
        guard page.count >= needle.count else { return nil }
        var start = page.count - needle.count
        while start >= 0 {
            var matches = true
            for offset in 0..<needle.count {
                // ASCII lowercase; the needle has no letters outside a-z.
                let byte = page[start + offset]
                let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                if lowered != needle[offset] {
                    matches = false
                    break
                }
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    /// The script itself: plain JavaScript with no dependencies; diagnostic text only ever goes in through `textContent`.
    static let source = #"""
        (() => {
          "use strict";
          if (window.__parleyLiveReload) return;
          window.__parleyLiveReload = true;

          let firstGeneration = null;
          let session = null;
          let stale = false;
          let host = null;

          const css = `
            :host { all: initial; }
            .backdrop { position: fixed; inset: 0; background: rgba(20, 20, 24, 0.55); overflow: auto;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; }
            .panel { max-width: 60rem; margin: 4vh auto; background: #fff; border-radius: 8px;
              border-top: 6px solid #c62828; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35); padding: 1.25rem 1.5rem; }
            header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
            h1 { font-size: 1.25rem; margin: 0; color: #b71c1c; }
            button { font: inherit; border: 1px solid #bbb; background: #f5f5f5; border-radius: 4px;
              padding: 0.2rem 0.7rem; cursor: pointer; }
            button:hover { background: #e8e8e8; }
            ol { list-style: none; padding: 0; margin: 1rem 0 0; }
            li { border-top: 1px solid #e0e0e0; padding: 0.75rem 0; }
            .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem; color: #555; }
            .severity { font-weight: 700; text-transform: lowercase; }
            .error .severity { color: #c62828; }
            .warning .severity { color: #9a6700; }
            pre { margin: 0.5rem 0 0; padding: 0.5rem 0.75rem; background: #f6f8fa; border-radius: 4px;
              overflow-x: auto; font: 0.9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .hint { margin-top: 0.4rem; color: #1b5e20; }
          `;

          function add(parent, tag, className, text) {
            const element = document.createElement(tag);
            if (className) element.className = className;
            if (text !== undefined && text !== null) element.textContent = String(text);
            parent.appendChild(element);
            return element;
          }

          function hideOverlay() {
            if (host) {
              host.remove();
              host = null;
            }
          }

          function showOverlay(status) {
            hideOverlay();
            host = document.createElement("div");
            host.id = "parley-overlay";
            host.style.cssText = "position: fixed; inset: 0; z-index: 2147483647;";
            const root = host.attachShadow({ mode: "open" });
            add(root, "style", null, css);
            const backdrop = add(root, "div", "backdrop");
            const panel = add(backdrop, "div", "panel");
            panel.setAttribute("role", "alertdialog");
            const header = add(panel, "header");
            const diagnostics = Array.isArray(status.diagnostics) ? status.diagnostics : [];
            const errors = diagnostics.filter((d) => d.severity !== "warning").length;
            const warnings = diagnostics.length - errors;
            const count = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
            let title = "The build failed";
            if (errors > 0) title += ": " + count(errors, "error");
            if (warnings > 0) title += (errors > 0 ? " and " : ": ") + count(warnings, "warning");
            add(header, "h1", null, title);
            const close = add(header, "button", null, "Close");
            close.type = "button";
            close.addEventListener("click", hideOverlay);
            const list = add(panel, "ol");
            for (const d of diagnostics) {
              const item = add(list, "li", d.severity === "warning" ? "warning" : "error");
              let where = String(d.file || "");
              if (d.line) where += ":" + d.line;
              if (d.line && d.column) where += ":" + d.column;
              add(item, "div", "where", where);
              const message = add(item, "div");
              add(message, "span", "severity", (d.severity || "error") + ": ");
              add(message, "span", "message", d.message);
              if (d.sourceLine) {
                // A long line is shown around its column, so the caret is on screen without scrolling.
                let chars = Array.from(d.sourceLine), caret = Math.max(0, (d.column || 1) - (d.sourceLineStart || 1)), start = 0;
                if (d.column && chars.length > 90 && caret > 40) start = caret - 40;
                let shown = chars.slice(start, start + 90).join("");
                if (start > 0) { shown = "…" + shown; caret = caret - start + 1; }
                if (start + 90 < chars.length) shown += "…";
                let text = (d.line ? d.line + " | " : "") + shown;
                if (d.line && d.column) {
                  text += "\n" + " ".repeat(String(d.line).length) + " | " + " ".repeat(caret) + "^";
                }
                add(item, "pre", "source", text);
              }
              if (d.hint) add(item, "div", "hint", "hint: " + d.hint);
            }
            (document.body || document.documentElement).appendChild(host);
          }

          const events = new EventSource("/_parley/events");
          events.addEventListener("build", (event) => {
            let status;
            try {
              status = JSON.parse(event.data);
            } catch (error) {
              return;
            }
            if (firstGeneration === null) firstGeneration = status.generation;
            // A different session is a restarted server: this page may be out of date whatever the generation says.
            if (status.session !== session) {
              if (session !== null) stale = true;
              session = status.session;
            }
            if (!status.ok) {
              showOverlay(status);
            } else if (stale || status.generation !== firstGeneration) {
              location.reload();
            } else {
              hideOverlay();
            }
          });
        })();

        """#
}
