// The explain view. Input is only ever put in the DOM through textContent / attributes.
(function () {
  "use strict";
  var COLOURS = {
    NEWS: "#ffd6a5", REL: "#caffbf", SHARE: "#9bf6ff", TITLE: "#bdb2ff", DUP: "#ffc6ff",
    CAP: "#fdffb6", BYL: "#a0c4ff", NAV: "#ffadad", TAG: "#d0f4de", LEGAL: "#e4c1f9",
    COOK: "#f1c0e8", AD: "#ff9f9f", CMT: "#b9fbc0", HEUR: "#e0e0e0", HTML: "#cfd8dc", SITE: "#ffe5b4"
  };
  function $(id) { return document.getElementById(id); }
  function family(code) { var m = /^([A-Z]+)\d{3}$/.exec(code); return m ? m[1] : code; }
  function colour(code) { return COLOURS[family(code)] || "#eeeeee"; }
  function el(tag, text) { var n = document.createElement(tag); if (text != null) n.textContent = text; return n; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function mark(span, text) {
    var label = span.rule + ": " + span.reason;
    var m = el("mark", text);
    m.className = "removed fam-" + family(span.rule);
    m.setAttribute("data-rule", span.rule);
    m.setAttribute("tabindex", "0");
    m.setAttribute("title", label);
    m.setAttribute("aria-label", "removed by " + label);
    m.style.background = colour(span.rule);
    return m;
  }

  function looksLikeHtml(s) {
    var head = s.slice(0, 8192);
    if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(head)) return true;
    var tags = head.match(/<(p|div|br|span|a|script|style|table|article|section|meta|link|title|h[1-6])\b[^>]*>/gi);
    return !!tags && tags.length >= 5;
  }

  function render(source, result) {
    var shown = result.mode === "html" && result.source_text != null ? result.source_text : source;
    var removed = result.removed || [];
    var box = $("highlighted"), pruned = $("pruned"), legend = $("legend");
    clear(box); clear(pruned); clear(legend);
    var located = removed.filter(function (s) {
      return s.start != null && s.end != null && s.start >= 0 && s.start < s.end && s.end <= shown.length;
    }).sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var pos = 0;
    located.forEach(function (s) {
      if (s.end <= pos) return;
      var start = Math.max(s.start, pos);
      box.appendChild(document.createTextNode(shown.slice(pos, start)));
      box.appendChild(mark(s, shown.slice(start, s.end)));
      pos = s.end;
    });
    box.appendChild(document.createTextNode(shown.slice(pos)));
    removed.forEach(function (s) {
      if (s.start == null || s.end == null) {
        var li = el("li"); li.appendChild(mark(s, s.text.length > 200 ? s.text.slice(0, 200) + "…" : s.text));
        pruned.appendChild(li);
      }
    });
    var counts = {};
    removed.forEach(function (s) { counts[s.rule] = (counts[s.rule] || 0) + 1; });
    Object.keys(counts).sort().forEach(function (code) {
      var li = el("li", code + " (" + family(code) + ") × " + counts[code]);
      li.setAttribute("data-rule", code);
      li.style.background = colour(code);
      legend.appendChild(li);
    });
    if (!removed.length) legend.appendChild(el("li", "nothing removed"));
    $("title").textContent = result.title || "";
    var body = $("body"); clear(body);
    (result.paragraphs && result.paragraphs.length ? result.paragraphs : [result.text || ""]).forEach(function (p) {
      body.appendChild(el("p", p));
    });
  }

  function status(text, isError) {
    var s = $("status"); s.textContent = text; s.className = isError ? "error" : "";
  }

  $("form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var source = $("input").value;
    var mode = $("mode").value;
    var asHtml = mode === "html" || (mode === "auto" && looksLikeHtml(source));
    var disable = $("disable").value.split(",").map(function (c) { return c.trim(); }).filter(Boolean);
    var payload = { options: { preset: $("preset").value, disable: disable, explain: true } };
    payload[asHtml ? "html" : "text"] = source;
    var headers = { "Content-Type": "application/json" };
    var key = $("apikey").value;
    if (key) headers["Authorization"] = "Bearer " + key;
    status("Cleaning…", false);
    $("submit").disabled = true;
    fetch("/v1/clean", { method: "POST", headers: headers, body: JSON.stringify(payload) })
      .then(function (resp) {
        return resp.json().then(function (data) { return { ok: resp.ok, status: resp.status, data: data }; });
      })
      .then(function (r) {
        if (!r.ok) {
          var err = (r.data && r.data.error) || {};
          status("Error " + r.status + ": " + (err.message || err.code || "request failed"), true);
          return;
        }
        render(source, r.data);
        status("Done: " + (r.data.removed || []).length + " removed spans (" + r.data.mode + " mode).", false);
      })
      .catch(function (e) { status("Request failed: " + e, true); })
      .then(function () { $("submit").disabled = false; });
  });

  function loadFile(file) {
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      $("input").value = reader.result;
      if (/\.html?$/i.test(file.name)) $("mode").value = "html";
      status("Loaded " + file.name, false);
    };
    reader.readAsText(file);
  }
  $("file").addEventListener("change", function () { loadFile(this.files[0]); });
  var area = $("input");
  area.addEventListener("dragover", function (ev) { ev.preventDefault(); area.classList.add("dragover"); });
  area.addEventListener("dragleave", function () { area.classList.remove("dragover"); });
  area.addEventListener("drop", function (ev) {
    ev.preventDefault(); area.classList.remove("dragover");
    if (ev.dataTransfer && ev.dataTransfer.files.length) loadFile(ev.dataTransfer.files[0]);
  });
})();
