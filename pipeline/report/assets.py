"""The page's inline style sheet and script (no file, font or library is fetched)."""

from __future__ import annotations

#: highlight colours per family (Okabe–Ito hues; tints for backgrounds)
STYLE = r"""
:root{--ink:#1f2328;--muted:#5b6470;--line:#e3e6ea;--bg:#f5f6f8;--card:#fff;--accent:#0072B2;--c-bar:#0072B2;
--person:#0072B2;--org:#D55E00;--place:#009E73;--other:#CC79A7;--date:#E69F00;--number:#56B4E9;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;
font-size:15px;line-height:1.5;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
a{color:#0a5a9c;text-decoration:none}a:hover{text-decoration:underline}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.86em;background:#f1f3f5;padding:0 .25em;border-radius:3px}
header.top{background:#1f2d3d;color:#fff;padding:22px 0 16px}
header.top .wrap,main,nav .wrap{max-width:1200px;margin:0 auto;padding:0 24px}
header.top h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:-.01em}
header.top .run{margin:0;color:#c9d3de;font-size:13.5px}header.top .run b{color:#fff;font-weight:600}
header.top code{background:rgba(255,255,255,.12);color:#fff}
nav{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.04)}
nav .wrap{display:flex;gap:4px;overflow-x:auto}
nav a{display:block;padding:10px 12px;color:var(--ink);font-weight:550;font-size:14px;white-space:nowrap;border-bottom:2px solid transparent}
nav a:hover{border-bottom-color:var(--accent);text-decoration:none}
main{padding-top:20px;padding-bottom:40px}
.sec{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:22px 26px 26px;margin:0 0 20px;scroll-margin-top:56px}
.sec h2{margin:0 0 4px;font-size:21px;font-weight:650}
.sec h3{margin:26px 0 8px;font-size:16px;font-weight:650}.sec h4{margin:8px 0 8px;font-size:14px;font-weight:650;color:var(--muted)}
.col>h3:first-child{margin-top:14px}
.intro{margin:0 0 14px;color:var(--muted);max-width:880px}
.note{color:var(--muted);font-size:13.5px;margin:6px 0 0}
.empty{color:var(--muted);font-style:italic;background:#fafbfc;border:1px dashed var(--line);border-radius:6px;padding:10px 14px;margin:8px 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(142px,1fr));gap:10px;margin:6px 0 8px}
.kpi{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fbfcfd}
.kpi .num{display:block;font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;line-height:1.2}
.kpi .lbl{color:var(--muted);font-size:13px}
.cols{display:flex;flex-wrap:wrap;gap:12px 36px;align-items:flex-start}
.col{flex:1 1 420px;min-width:0}.cols.three .col{flex:1 1 300px}.col.wide{flex:2 1 560px}.col.narrow{flex:1 1 300px}
.scroll{overflow-x:auto;max-width:100%}
svg.chart{display:block;max-width:100%;height:auto;overflow:visible}svg.matrix{max-width:none}
svg a:hover rect,svg a:hover circle{stroke:#000;stroke-width:1.2}
table.tbl{border-collapse:collapse;width:100%;font-size:14px}
.tbl th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em;border-bottom:1px solid #cfd4da;padding:6px 8px}
.tbl td{border-bottom:1px solid #eef0f2;padding:6px 8px;vertical-align:top}
.tbl .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.tbl.compact td{padding:4px 8px}
.tbl tr:hover td{background:#fafbfc}
.rank{color:#98a1ab;font-size:12px}
.ename{font-weight:600}
.aliases{margin-top:2px;line-height:1.9}
.chip{display:inline-block;background:#eef1f4;border-radius:10px;padding:0 8px;font-size:12px;margin:0 4px 0 0;color:#39424c;white-space:nowrap;max-width:100%;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
a.chip:hover{background:#dde6ef;text-decoration:none}
.more{color:var(--muted);font-size:12px;white-space:nowrap}
.cellbar{display:flex;align-items:center;gap:8px;min-width:130px}
.cellbar .track{flex:1 1 auto;height:12px;border-radius:2px;background:#f0f2f4;overflow:hidden}
.cellbar .fill{display:block;height:100%;border-radius:2px}
.cellbar .v{flex:0 0 auto;min-width:2.5em;text-align:right;font-size:13px;font-variant-numeric:tabular-nums;font-weight:600}
.nw{white-space:nowrap}td:has(>a.al.n){white-space:nowrap}
a.al.n{display:inline-block;min-width:20px;text-align:center;border:1px solid #cdd6df;border-radius:4px;font-size:12px;line-height:18px;margin-right:2px}
a.al.n:hover{background:#e9f1f8;text-decoration:none}
.nolink{color:inherit;cursor:help}
.figs{line-height:1.9}.figs .sep{color:#b7bec6;margin:0 2px}.yr,.times{color:var(--muted);font-size:12px}
.noun{white-space:nowrap}
ul.quotes{margin:0;padding-left:16px}ul.quotes li{margin:0 0 4px}
.badge{display:inline-block;background:#e6f4ee;color:#05603a;border-radius:8px;font-size:11px;padding:0 6px}
.detail{color:var(--muted);font-size:12.5px}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;font-size:13px;color:var(--muted);margin:6px 0 8px}
.legend .dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.legend .tick{display:inline-block;width:3px;height:13px;background:#7a7a7a;margin-right:5px;vertical-align:-2px}
.legend .barkey{display:inline-block;width:22px;height:9px;border-radius:2px;margin-right:5px;vertical-align:0}
.legend.ramp{gap:0 2px}.legend.ramp span:first-child{margin-right:6px}.legend.ramp .sw{width:18px;height:12px;display:inline-block}
.legend.ramp span:not(.sw){margin:0 4px}
input.filter{font:inherit;font-size:14px;padding:6px 10px;border:1px solid #cfd4da;border-radius:6px;width:min(360px,100%);margin:0 0 10px}
.pager{display:flex;gap:8px;align-items:center;margin:8px 0 0;font-size:13px;color:var(--muted)}
.pager button{font:inherit;font-size:13px;border:1px solid #cfd4da;background:#fff;border-radius:5px;padding:2px 10px;cursor:pointer}
.pager button:disabled{opacity:.4;cursor:default}
footer{color:var(--muted);font-size:12.5px;text-align:center;padding:0 0 30px}
/* article view */
#overlay{position:fixed;inset:0;z-index:20;background:rgba(20,26,33,.45);display:none}
#overlay.open{display:block}
#panel{position:absolute;top:0;right:0;bottom:0;width:min(1000px,100vw);background:#fff;overflow-y:auto;box-shadow:-4px 0 24px rgba(0,0,0,.2);padding:18px 30px 60px}
#close{position:sticky;top:0;float:right;font:inherit;font-size:14px;border:1px solid #cfd4da;background:#fff;border-radius:6px;padding:4px 12px;cursor:pointer;z-index:2}
body.viewing{overflow:hidden}
.view header h2{margin:2px 0 4px;font-size:22px;line-height:1.3}
.view .aid{margin:0;color:var(--muted);font-size:12.5px}
.view .meta{margin:0 0 10px;color:var(--muted);font-size:13.5px}
.view .url{word-break:break-all}
.view details.atl{margin:6px 0 14px;border:1px solid var(--line);border-radius:8px;padding:6px 12px}
.view details.atl summary{cursor:pointer;font-weight:600;font-size:14px;color:var(--muted)}
.durs{font-size:13px;margin:4px 0}.durs .lbl{color:var(--muted)}
.text{font-size:15.5px;line-height:1.7}
.seg{display:grid;grid-template-columns:92px 1fr;gap:12px;padding:5px 0;border-radius:4px}
.seg .kind{font-size:11px;color:#8a939d;text-transform:uppercase;letter-spacing:.04em;text-align:right;padding-top:4px}
.seg .tx{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 10px;border-left:3px solid transparent}
.seg.k-title .tx{font-weight:650;font-size:1.15em;border-left-color:#0072B2;background:#f1f6fb}
.seg.k-byline .tx,.seg.k-dateline .tx,.seg.k-credit .tx{background:#f4f4f6;border-left-color:#9aa3ad;font-size:.93em}
.seg.k-caption .tx{background:#fbf5e6;border-left-color:#E69F00;font-style:italic;font-size:.95em}
.seg.k-embed .tx{background:#f6eff5;border-left-color:#CC79A7;font-size:.93em}
.seg.k-boilerplate .tx{background:repeating-linear-gradient(135deg,#f3f3f3 0 6px,#fafafa 6px 12px);color:#6b737c;border-left-color:#c4c9cf;font-size:.9em}
.seg.k-none .tx{border-left-color:#e3e6ea;color:#6b737c}
.seg.k-body .tx{border-left-color:#e8eaed}
.legend.segs .sw{display:inline-block;width:16px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px;border-left:3px solid}
.sw.k-title{background:#f1f6fb;border-color:#0072B2}.sw.k-body{background:#fff;border-color:#e8eaed;outline:1px solid #eee}
.sw.k-byline,.sw.k-dateline,.sw.k-credit{background:#f4f4f6;border-color:#9aa3ad}.sw.k-caption{background:#fbf5e6;border-color:#E69F00}
.sw.k-embed{background:#f6eff5;border-color:#CC79A7}.sw.k-boilerplate{background:repeating-linear-gradient(135deg,#e9e9e9 0 3px,#fafafa 3px 6px);border-color:#c4c9cf}
mark.m{color:inherit;border-radius:2px;padding:0 1px;border-bottom:2px solid}
.g-person{background:rgba(0,114,178,.13);border-color:#0072B2}.g-org{background:rgba(213,94,0,.13);border-color:#D55E00}
.g-place{background:rgba(0,158,115,.14);border-color:#009E73}.g-other{background:rgba(204,121,167,.18);border-color:#CC79A7}
.g-date{background:rgba(230,159,0,.2);border-color:#E69F00}.g-number{background:rgba(86,180,233,.2);border-color:#2a8fcf}
mark.m.g-date{border-bottom-style:dashed}mark.m.g-number{border-bottom-style:dotted;border-bottom-width:3px}
.legend.hl mark.m{font-weight:600;font-size:12.5px}
.legend .lg{white-space:nowrap}
.qt{background:rgba(240,228,66,.28);box-shadow:0 -1px 0 rgba(180,160,0,.35) inset}
.cue{text-decoration:underline wavy #9a8800 1px;text-underline-offset:3px}
.src{outline:1px dashed #9a8800;border-radius:2px}
.pas{text-decoration:underline double #7b8591;text-decoration-thickness:1px;text-underline-offset:5px;text-decoration-skip-ink:none}
.pub{outline:2px solid #009E73;outline-offset:1px;border-radius:2px}
.target{animation:flash 2.4s ease-out 1;outline:3px solid #111 !important;outline-offset:2px}
@keyframes flash{0%{box-shadow:0 0 0 8px rgba(240,228,66,.9)}100%{box-shadow:0 0 0 0 rgba(240,228,66,0)}}
#tip{position:fixed;z-index:40;max-width:440px;background:#1f2328;color:#fff;font-size:12.5px;line-height:1.45;padding:6px 9px;border-radius:5px;pointer-events:none;display:none;box-shadow:0 2px 8px rgba(0,0,0,.25)}
#tip div+div{border-top:1px solid rgba(255,255,255,.2);margin-top:4px;padding-top:4px}
@media (max-width:700px){.seg{grid-template-columns:1fr}.seg .kind{text-align:left;padding:0}}
"""

SCRIPT = r"""
(function () {
  "use strict";
  function paginate(table) {
    var size = +table.getAttribute("data-page-size"), rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = rows, page = 0, nav = document.createElement("div");
    nav.className = "pager";
    table.parentNode.insertBefore(nav, table.nextSibling);
    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(page, pages - 1);
      rows.forEach(function (r) { r.hidden = true; });
      shown.slice(page * size, (page + 1) * size).forEach(function (r) { r.hidden = false; });
      nav.textContent = "";
      if (pages <= 1) { if (shown.length === 0) nav.textContent = "no match"; return; }
      var prev = document.createElement("button"), next = document.createElement("button"), label = document.createElement("span");
      prev.textContent = "‹ previous"; next.textContent = "next ›";
      prev.disabled = page === 0; next.disabled = page === pages - 1;
      prev.onclick = function () { page--; draw(); };
      next.onclick = function () { page++; draw(); };
      label.textContent = "page " + (page + 1) + " of " + pages + " (" + shown.length.toLocaleString("en") + " rows)";
      nav.appendChild(prev); nav.appendChild(label); nav.appendChild(next);
    }
    table.filterRows = function (q) {
      shown = q ? rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; }) : rows;
      page = 0; draw();
    };
    draw();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-page-size]"), paginate);
  Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (input) {
    var table = document.getElementById(input.getAttribute("data-for"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      if (table && table.filterRows) { table.filterRows(q); return; }
      if (table) Array.prototype.forEach.call(table.tBodies[0].rows, function (r) { r.hidden = q && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
  });

  var overlay = document.getElementById("overlay"), body = document.getElementById("view-body"), panel = document.getElementById("panel");
  var savedY = 0;
  function open() {
    if (!overlay.classList.contains("open")) { savedY = window.scrollY; overlay.classList.add("open"); document.body.classList.add("viewing"); }
  }
  function close() {
    if (!overlay.classList.contains("open")) return;
    overlay.classList.remove("open"); document.body.classList.remove("viewing"); window.scrollTo(0, savedY);
  }
  function focusSpan(s, e) {
    var best = body.querySelector('[data-s="' + s + '"][data-e="' + e + '"]');
    if (!best) {
      var all = body.querySelectorAll("[data-s]"), width = Infinity;
      Array.prototype.forEach.call(all, function (el) {
        var a = +el.getAttribute("data-s"), b = +el.getAttribute("data-e");
        if (a <= s && b >= e && b - a < width) { best = el; width = b - a; }
      });
    }
    if (!best) return;
    best.classList.remove("target"); void best.offsetWidth; best.classList.add("target");
    best.scrollIntoView({block: "center"});
    setTimeout(function () { best.classList.remove("target"); }, 2600);
  }
  function route() {
    var m = /^#a-([0-9A-Za-z_.-]+)(?::(\d+)-(\d+))?$/.exec(location.hash);
    if (!m) { close(); return; }
    var src = document.getElementById("art-" + m[1]);
    if (body.getAttribute("data-article") !== m[1]) {
      body.innerHTML = src ? src.textContent : '<p class="empty">This article has no view in this report.</p>';
      body.setAttribute("data-article", m[1]);
      panel.scrollTop = 0;
    }
    open();
    if (m[2]) focusSpan(+m[2], +m[3]);
  }
  function dismiss() { if (location.hash) location.hash = "#view-closed"; close(); }
  document.getElementById("close").addEventListener("click", dismiss);
  overlay.addEventListener("click", function (ev) { if (ev.target === overlay) dismiss(); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && overlay.classList.contains("open")) dismiss(); });
  window.addEventListener("hashchange", route);
  route();

  var tip = document.getElementById("tip");
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-tip]") : null;
    if (!el) { tip.style.display = "none"; return; }
    var lines = [];
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      var t = n.getAttribute && n.getAttribute("data-tip");
      if (t) lines.push(t);
    }
    tip.textContent = "";
    lines.forEach(function (t) { var d = document.createElement("div"); d.textContent = t; tip.appendChild(d); });
    tip.style.display = "block";
  });
  document.addEventListener("mousemove", function (ev) {
    if (tip.style.display !== "block") return;
    var x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8), y = ev.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight - 4) y = ev.clientY - tip.offsetHeight - 12;
    tip.style.left = x + "px"; tip.style.top = y + "px";
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
"""
