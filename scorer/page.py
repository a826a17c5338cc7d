"""The editor's page served at ``/`` by ``scorer serve``: paste or upload a draft, see the report.

Without JavaScript the form posts to ``/`` and the answer is this page again, the draft kept and
the HTML report below it. With JavaScript the report updates as the editor pauses typing (the
script waits for a pause, then posts the draft to ``/v1/score?view=html``). Self-contained: no
request leaves the service; every value written into the page is escaped; the one inline script
is allowed by its hash in the Content-Security-Policy, and the report frame runs no script.
"""

from __future__ import annotations

import base64
import hashlib
import html

# Milliseconds of no typing before the script asks for a new report: long enough that a typist's
# between-word pauses (~200-400 ms) do not each cost a scoring, short enough to feel live.
DEBOUNCE_MS = 700
UPLOAD_ACCEPT = ".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json"

SCRIPT = """(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  var text = document.getElementById("text");
  var file = document.getElementById("file");
  var token = document.getElementById("token");
  var frame = document.getElementById("report");
  var status = document.getElementById("status");
  var timer = null, seq = 0, controller = null;
  var TYPES = {html: "text/html", htm: "text/html", md: "text/markdown", markdown: "text/markdown", json: "application/json"};

  function headers(type) {
    var h = {"Content-Type": type};
    if (token && token.value) { h["Authorization"] = "Bearer " + token.value; }
    return h;
  }
  function say(mine, message) { if (mine === seq) { status.textContent = message; } }
  function send(body, type) {
    var mine = ++seq;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    status.textContent = "Scoring\\u2026";
    fetch("/v1/score?view=html", {method: "POST", headers: headers(type), body: body, signal: controller.signal})
      .then(function (r) {
        if (r.ok) {
          return r.text().then(function (page) {
            if (mine === seq) { frame.srcdoc = page; form.setAttribute("data-scored", String(mine)); say(mine, "Report updated."); }
          });
        }
        return r.json().then(function (e) { say(mine, "Error: " + e.error); },
                             function () { say(mine, "Error: HTTP " + r.status); });
      })
      .catch(function (err) { if (err.name !== "AbortError") { say(mine, "Error: " + err.message); } });
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (text.value.trim()) { send(text.value, "text/plain; charset=utf-8"); }
    }, %(debounce)d);
  });
  file.addEventListener("change", function () {
    var f = file.files[0];
    if (!f) { return; }
    var ext = f.name.split(".").pop().toLowerCase();
    send(f, TYPES[ext] || "text/plain");
  });
  form.setAttribute("data-live", "on");
})();
""" % {"debounce": DEBOUNCE_MS}

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# The page runs only its own script, talks only to this service, and may not be framed elsewhere.
EDITOR_CSP = (f"default-src 'none'; script-src 'sha256-{_SCRIPT_HASH}'; style-src 'unsafe-inline'; "
              "connect-src 'self'; form-action 'self'; frame-src 'self'; base-uri 'none'; frame-ancestors 'none'")

_STYLE = """
body{font-family:system-ui,"DejaVu Sans",sans-serif;max-width:72em;margin:1em auto;padding:0 1em;color:#111;background:#fff;line-height:1.5}
h1{font-size:1.5em;margin:.3em 0} label{display:block;font-weight:bold;margin:.6em 0 .2em}
textarea{width:100%;box-sizing:border-box;font:1em/1.5 Georgia,"DejaVu Serif",serif;padding:.5em;border:1px solid #666}
button{margin-top:.8em;padding:.4em 1.2em;font-size:1em;background:#0b2a5b;color:#fff;border:0;border-radius:3px}
button:focus,textarea:focus,input:focus{outline:3px solid #1d4ed8;outline-offset:2px}
#status{min-height:1.5em;margin:.5em 0} .error{color:#7c2d12;background:#fff7ed;border:1px solid #7c2d12;padding:.4em}
iframe{width:100%;height:80vh;border:1px solid #999}
"""


def editor_page(token_required: bool = False, draft: str = "", error: str | None = None, report_html: str | None = None) -> str:
    """The page, optionally with the draft kept, an error message, or a report in its frame.

    Args:
        token_required: show a field for the service's access token.
        draft: the text to put back in the editor (escaped here).
        error: a one-line error to show (escaped here).
        report_html: a complete report page (``Report.to_html()``), shown in a script-less frame.
    """
    token = ('<label for="token">Access token</label>'
             '<input type="password" id="token" name="token" autocomplete="current-password" required>'
             if token_required else "")
    status = (f'<p id="status" class="error" role="status" aria-live="polite">Error: {html.escape(error)}</p>'
              if error else '<p id="status" role="status" aria-live="polite"></p>')
    placeholder = ("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>No report yet</title>"
                   "<p style='font-family:sans-serif;color:#333'>The report appears here.</p>")
    # A newline right after <textarea> is dropped by HTML parsers; the one written below keeps a
    # draft that starts with a newline intact.
    srcdoc = html.escape(report_html if report_html is not None else placeholder, quote=True)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check a draft's sourcing</title>
<style>{_STYLE}</style></head><body>
<header><h1>Check a draft's sourcing</h1>
<p>Paste a draft, or upload a file (text, Markdown, HTML or JSON with a "text" field). The report scores
its sourcing transparency from 0 to 100 and highlights every source, cue and hedge. It updates as you
pause typing; without JavaScript, press the button.</p></header>
<main>
<form id="draft-form" method="post" action="/" enctype="multipart/form-data">
<label for="text">Draft</label>
<textarea id="text" name="text" rows="16" spellcheck="true">\n{html.escape(draft)}</textarea>
<label for="file">Or upload a file</label>
<input type="file" id="file" name="file" accept="{UPLOAD_ACCEPT}">
{token}
<div><button type="submit">Check sourcing</button></div>
{status}
</form>
<section aria-labelledby="h-report"><h2 id="h-report">Report</h2>
<iframe id="report" title="Sourcing report" sandbox="allow-same-origin" srcdoc="{srcdoc}"></iframe>
</section>
</main>
<script>{SCRIPT}</script>
</body></html>
"""
