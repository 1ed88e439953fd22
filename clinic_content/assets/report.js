"use strict";
/* The plan as a page: month grid per feed, weekly content mix, findings table (virtualised),
   consent timeline. The data is the JSON of the #plan-data element (report_data.py). */
(async function () {
  const S = JSON.parse(document.getElementById("strings").textContent);
  const source = document.getElementById("plan-data");
  let text = source.textContent;
  if (source.dataset.encoding === "gzip+base64") {
    const bytes = Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
    text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  const D = JSON.parse(text);
  const SEV = { 3: "error", 2: "warning", 1: "info" };
  const MARK = { 3: "✖", 2: "▲", 1: "ℹ" };
  const posts = D.posts.map((r, i) => ({ i, path: D.paths[r[0]], title: r[1], when: r[2], feeds: r[3].map((f) => D.feeds[f]),
    status: r[4], category: r[5], promo: !!r[6], worst: r[7], hidden: !!r[8], excerpt: r[9] }));
  const findings = D.findings.map((r) => ({ path: D.paths[r[0]], line: r[1], col: r[2], code: r[3], sev: r[4],
    msg: D.messages[r[5]], post: r[6] >= 0 ? posts[r[6]] : null }));
  const platformOf = (feed) => feed.split("/")[0];

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v; else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  const label = (text, control) => h("label", {}, text, control);
  const feedName = (feed) => { const [p, a] = feed.split("/"); const n = S.platforms[p] || p; return a ? `${n} (${a})` : n; };
  const postTitle = (p) => (p.hidden ? S.draft_hidden : p.title || p.path);

  // -- header ---------------------------------------------------------------
  const app = document.getElementById("app");
  app.textContent = "";
  const counts = { 3: 0, 2: 0, 1: 0 };
  findings.forEach((f) => counts[f.sev]++);
  document.getElementById("summary").textContent = S.summary
    .replace("{posts}", posts.length).replace("{findings}", findings.length)
    .replace("{errors}", counts[3]).replace("{warnings}", counts[2]).replace("{infos}", counts[1]);

  // -- shared filter state ------------------------------------------------------
  const state = { platform: "", rule: "", severity: "", file: "" };
  const platforms = [...new Set(posts.flatMap((p) => p.feeds.map(platformOf)))].sort();

  // -- month grid -------------------------------------------------------------
  const months = [...new Set(posts.filter((p) => p.when).map((p) => p.when.slice(0, 7)))].sort();
  const todayMonth = (D.today || "").slice(0, 7);
  const asked = new URLSearchParams(location.hash.slice(1));  // #month=2026-12&feed=vk: a link to one view
  let month = months.includes(asked.get("month")) ? asked.get("month")
    : months.find((m) => m >= todayMonth) || months[months.length - 1] || todayMonth;
  const feeds = [...new Set(posts.flatMap((p) => p.feeds))].sort();
  const MANY_FEEDS = 20;  // past this, one feed at a time: hundreds of month grids help nobody
  const monthSelect = h("select", { id: "month", onchange: () => { month = monthSelect.value; drawCalendar(); } },
    months.map((m) => h("option", { value: m }, monthName(m))));
  const feedSelect = h("select", { id: "feed", onchange: drawCalendar },
    feeds.length <= MANY_FEEDS ? h("option", { value: "" }, S.all) : null, feeds.map((f) => h("option", { value: f }, feedName(f))));
  if (feeds.includes(asked.get("feed"))) feedSelect.value = asked.get("feed");
  const step = (delta) => () => { const i = months.indexOf(month) + delta; if (i >= 0 && i < months.length) { month = months[i]; drawCalendar(); } };
  const calendarBox = h("div", { id: "calendar-feeds" });
  const details = h("div", { class: "details", id: "post-details", hidden: true, "aria-live": "polite" });
  app.append(h("section", { id: "calendar", "aria-labelledby": "h-calendar" },
    h("h2", { id: "h-calendar" }, S.calendar),
    h("div", { class: "controls" },
      h("button", { type: "button", onclick: step(-1), "aria-label": S.prev_month }, "‹"),
      label(S.month, monthSelect),
      h("button", { type: "button", onclick: step(1), "aria-label": S.next_month }, "›"),
      label(S.feed, feedSelect)),
    legend(), details, calendarBox));

  function monthName(m) {
    const [y, mo] = m.split("-").map(Number);
    return `${S.months[mo - 1]} ${y}`;
  }
  function legend() {
    return h("div", { class: "legend", "aria-label": S.legend },
      Object.entries(S.statuses).map(([k, v]) => h("span", {}, h("span", { class: `swatch st-${k}` }), v)),
      h("span", {}, h("span", { class: "swatch", style: "border-left:5px solid var(--cat-education)" }), S.cat_education),
      h("span", {}, h("span", { class: "swatch", style: "border-left:5px solid var(--cat-promo)" }), S.cat_promo),
      [3, 2, 1].map((s) => h("span", {}, h("span", { class: `sev sev-${s}` }, MARK[s]), S.severities[SEV[s]])),
      h("span", {}, h("span", { class: "swatch", style: "background:var(--burst)" }), S.burst),
      h("span", {}, h("span", { class: "swatch", style: "background:var(--gap)" }), S.gap));
  }
  function calMessages(indexes) { return indexes.map((i) => D.messages[D.findings[i][5]]).join("\n"); }
  function drawCalendar() {
    monthSelect.value = month;
    calendarBox.textContent = "";
    const [y, mo] = month.split("-").map(Number);
    const first = new Date(Date.UTC(y, mo - 1, 1));
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7;
    const inMonth = posts.filter((p) => p.when.startsWith(month));
    const wanted = feeds.filter((f) => (!feedSelect.value || f === feedSelect.value) && (!state.platform || platformOf(f) === state.platform)
      && inMonth.some((p) => p.feeds.includes(f)));
    const bursts = {}, gaps = {};
    for (const [f, day, idx] of D.bursts) (bursts[D.feeds[f]] ||= {})[day] = idx;
    for (const [f, from, to, idx] of D.gaps) (gaps[D.feeds[f]] ||= []).push([from, to, idx]);
    if (!wanted.length) calendarBox.append(h("p", {}, S.no_posts_month));
    for (const feed of wanted) {
      const grid = h("div", { class: "grid", role: "grid", "aria-label": `${feedName(feed)}, ${monthName(month)}` },
        S.weekdays.map((w) => h("div", { class: "wd", role: "columnheader" }, w)));
      for (let i = 0; i < lead; i++) grid.append(h("div", { class: "day blank", "aria-hidden": "true" }));
      for (let d = 1; d <= days; d++) {
        const iso = `${month}-${String(d).padStart(2, "0")}`;
        const burst = (bursts[feed] || {})[iso];
        const gap = (gaps[feed] || []).find(([from, to]) => from <= iso && iso <= to);
        const cls = ["day", burst ? "burst" : "", gap ? "gap" : ""].join(" ").trim();
        const note = burst ? calMessages(burst) || S.burst : gap ? calMessages(gap[2]) || S.gap : null;
        const cell = h("div", { class: cls, role: "gridcell", title: note },
          h("div", { class: "num" }, h("span", {}, d), burst ? h("span", { class: "flag" }, S.burst) : gap && iso === gap[0] ? h("span", { class: "flag" }, S.gap) : null));
        for (const p of inMonth) if (p.when.slice(0, 10) === iso && p.feeds.includes(feed)) cell.append(chip(p));
        grid.append(cell);
      }
      calendarBox.append(h("div", { class: "feed" }, h("h3", {}, feedName(feed)), grid));
    }
  }
  function chip(p) {
    const cat = p.promo ? "promo" : p.category === "education" ? "education" : "other";
    const tip = [postTitle(p), `${p.when.replace("T", " ")} · ${S.statuses[p.status] || p.status} · ${S.categories[p.category] || p.category || "—"}`,
      p.path, p.worst ? `${S.worst}: ${S.severities[SEV[p.worst]]}` : S.no_findings].join("\n");
    return h("button", { type: "button", class: `chip st-${p.status} cat-${cat}`, title: tip, "data-path": p.path,
      onclick: () => showPost(p) },
      p.worst ? h("span", { class: `sev sev-${p.worst}`, "aria-label": S.severities[SEV[p.worst]] }, MARK[p.worst]) : null,
      h("span", { class: "t" }, p.when.slice(11, 16) + " "), postTitle(p));
  }
  function showPost(p) {
    details.hidden = false;
    details.textContent = "";
    const own = findings.filter((f) => f.path === p.path);
    details.append(h("strong", {}, postTitle(p)), h("div", { class: "path" }, `${p.path} · ${p.when.replace("T", " ")} · ${p.feeds.map(feedName).join(", ")}`),
      p.excerpt ? h("p", {}, p.excerpt) : null,
      h("div", {}, `${S.findings}: ${own.length} `, own.length ? h("button", { type: "button", onclick: () => { fileInput.value = p.path; state.file = p.path; drawTable(); document.getElementById("findings").scrollIntoView(); } }, S.show_findings) : null));
  }

  // -- content mix per week -------------------------------------------------------
  const mixBox = h("div", { class: "chart", id: "mix-chart" });
  app.append(h("section", { id: "mix", "aria-labelledby": "h-mix" }, h("h2", { id: "h-mix" }, S.mix), h("p", { class: "summary" }, mixNote()), mixBox));
  function mixNote() {
    const m = D.mix;
    return m.max_promo_share ? S.mix_note.replace("{share}", Math.round(m.max_promo_share * 100)).replace("{days}", m.window_days) : S.mix_note_off;
  }
  function weekOf(iso) {
    const d = new Date(iso.slice(0, 10) + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  }
  function drawMix() {
    const weeks = {};
    for (const p of posts) {
      if (!p.when || p.status === "cancelled" || (state.platform && !p.feeds.some((f) => platformOf(f) === state.platform))) continue;
      const w = (weeks[weekOf(p.when)] ||= { edu: 0, promo: 0, other: 0 });
      if (p.promo) w.promo++; else if (p.category === "education") w.edu++; else w.other++;
    }
    const keys = Object.keys(weeks).sort();
    mixBox.textContent = "";
    if (!keys.length) { mixBox.append(h("p", {}, S.no_posts)); return; }
    const ns = "http://www.w3.org/2000/svg", bw = 26, gapW = 6, top = 16, height = 160, width = keys.length * (bw + gapW) + 40;
    const svg = document.createElementNS(ns, "svg");
    const el = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text) e.textContent = text; return e; };
    svg.setAttribute("viewBox", `0 0 ${width} ${height + 50}`); svg.setAttribute("width", width);
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", S.mix);
    const limit = D.mix.max_promo_share;
    keys.forEach((k, i) => {
      const w = weeks[k], total = w.edu + w.promo + w.other, x = 30 + i * (bw + gapW);
      let y = top + height;
      const share = w.promo / total;
      const over = limit && total >= D.mix.min_posts && share > limit;
      const g = el("g", {});
      g.append(el("title", {}, `${k}: ${S.cat_education} ${w.edu}, ${S.cat_promo} ${w.promo}, ${S.cat_other} ${w.other} (${Math.round(share * 100)}%)`));
      for (const [n, color] of [[w.promo, "var(--cat-promo)"], [w.edu, "var(--cat-education)"], [w.other, "var(--cat-other)"]]) {
        const hgt = (n / total) * height; y -= hgt;
        if (n) g.append(el("rect", { x, y, width: bw, height: hgt, fill: color }));
      }
      if (over) g.append(el("rect", { x: x - 2, y: top - 2, width: bw + 4, height: height + 4, fill: "none", stroke: "var(--sev-error)", "stroke-width": 2 }));
      if (D.mix.education_required && !w.edu && total >= D.mix.min_posts) g.append(el("text", { x: x + bw / 2, y: top - 4, "text-anchor": "middle", "font-size": 11, fill: "var(--sev-error)" }, "!"));
      g.append(el("text", { x: x + bw / 2, y: top + height + 14, "text-anchor": "middle", "font-size": 10, fill: "var(--muted)" }, String(total)));
      if (i % 2 === 0) g.append(el("text", { x: x + bw / 2, y: top + height + 30, "text-anchor": "middle", "font-size": 9, fill: "var(--muted)" }, k.slice(5)));
      svg.append(g);
    });
    if (limit) {
      const y = top + height - limit * height;
      svg.append(el("line", { x1: 24, x2: width, y1: y, y2: y, stroke: "var(--sev-error)", "stroke-dasharray": "5 4" }));
      svg.append(el("text", { x: 0, y: y + 4, "font-size": 10, fill: "var(--sev-error)" }, `${Math.round(limit * 100)}%`));
    }
    mixBox.append(svg, h("div", { class: "legend" },
      h("span", {}, h("span", { class: "swatch", style: "background:var(--cat-promo)" }), S.cat_promo),
      h("span", {}, h("span", { class: "swatch", style: "background:var(--cat-education)" }), S.cat_education),
      h("span", {}, h("span", { class: "swatch", style: "background:var(--cat-other)" }), S.cat_other),
      limit ? h("span", {}, "- - ", S.promo_limit) : null));
  }

  // -- findings table (virtualised: only the visible rows exist) ------------------------
  const ROW = 52;
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const ruleSelect = h("select", { id: "filter-rule", onchange: () => { state.rule = ruleSelect.value; drawTable(); } },
    h("option", { value: "" }, S.all), codes.map((c) => h("option", { value: c }, `${c} ${(D.rules[c] || [c])[0]}`)));
  const sevSelect = h("select", { id: "filter-severity", onchange: () => { state.severity = sevSelect.value; drawTable(); } },
    h("option", { value: "" }, S.all), [3, 2, 1].map((s) => h("option", { value: s }, S.severities[SEV[s]])));
  const platformSelect = h("select", { id: "filter-platform", onchange: () => { state.platform = platformSelect.value; drawAll(); } },
    h("option", { value: "" }, S.all), platforms.map((p) => h("option", { value: p }, S.platforms[p] || p)));
  const fileInput = h("input", { id: "filter-file", type: "search", list: "paths", placeholder: S.file_placeholder,
    oninput: () => { state.file = fileInput.value.trim(); drawTable(); } });
  const pathList = h("datalist", { id: "paths" }, [...new Set(findings.map((f) => f.path))].slice(0, 2000).map((p) => h("option", { value: p })));
  const counter = h("div", { class: "count", id: "findings-count", "aria-live": "polite" });
  const rows = h("div", { class: "rows", id: "findings-rows", role: "table", "aria-label": S.findings, tabindex: "0" });
  const spacer = h("div", { style: "position:relative" });
  rows.append(spacer);
  app.append(h("section", { id: "findings", "aria-labelledby": "h-findings" }, h("h2", { id: "h-findings" }, S.findings),
    h("div", { class: "controls", role: "search" }, label(S.rule, ruleSelect), label(S.severity, sevSelect),
      label(S.platform, platformSelect), label(S.file, fileInput), pathList), counter, rows));
  // #rule=ADV001&severity=3&platform=vk&file=posts/2026-12: a link to a filtered table
  for (const [key, control] of [["rule", ruleSelect], ["severity", sevSelect], ["platform", platformSelect], ["file", fileInput]]) {
    const value = asked.get(key);
    if (value && (control.tagName === "INPUT" || [...control.options].some((o) => o.value === value))) {
      control.value = value;
      state[key] = value;
    }
  }
  let shown = findings;
  function drawTable() {
    shown = findings.filter((f) => (!state.rule || f.code === state.rule) && (!state.severity || f.sev === Number(state.severity))
      && (!state.platform || (f.post && f.post.feeds.some((x) => platformOf(x) === state.platform)))
      && (!state.file || f.path.includes(state.file)));
    counter.textContent = S.shown.replace("{n}", shown.length).replace("{total}", findings.length);
    spacer.style.height = `${shown.length * ROW}px`;
    rows.scrollTop = 0;
    paint();
  }
  function paint() {
    const first = Math.max(0, Math.floor(rows.scrollTop / ROW) - 10);
    const last = Math.min(shown.length, first + Math.ceil((rows.clientHeight || 560) / ROW) + 20);
    spacer.textContent = "";
    for (let i = first; i < last; i++) {
      const f = shown[i], rule = D.rules[f.code] || [f.code, "", ""];
      spacer.append(h("div", { class: "row", role: "row", style: `top:${i * ROW}px` },
        h("div", { class: "head", role: "cell" }, h("span", { class: `sev sev-${f.sev}` }, MARK[f.sev], " ", S.severities[SEV[f.sev]]), " ",
          rule[2] ? h("a", { href: rule[2], title: rule[1], target: "_blank", rel: "noopener" }, f.code) : f.code, " ",
          h("span", { class: "path" }, `${f.path}:${f.line}:${f.col}`)),
        h("div", { class: "msg", role: "cell", title: f.msg }, f.msg)));
    }
  }
  rows.addEventListener("scroll", () => requestAnimationFrame(paint), { passive: true });

  // -- consent timeline -------------------------------------------------------------
  const consentBox = h("div", { id: "consent-rows" });
  const showAll = h("input", { type: "checkbox", id: "consents-all", onchange: drawConsents });
  app.append(h("section", { id: "consents", "aria-labelledby": "h-consents" }, h("h2", { id: "h-consents" }, S.consents),
    h("p", { class: "summary" }, S.consents_note), h("div", { class: "controls" }, h("label", { style: "flex-direction:row;gap:6px" }, showAll, S.consents_all)), consentBox));
  function drawConsents() {
    const rowsData = D.consents.filter((r) => showAll.checked || r[4]).slice(0, 1000);
    consentBox.textContent = "";
    if (!rowsData.length) { consentBox.append(h("p", {}, S.consents_none)); return; }
    const dates = rowsData.flatMap((r) => [r[2], r[3], posts[r[0]].when.slice(0, 10)]).filter(Boolean).sort();
    const lo = Date.parse(dates[0]), span = Math.max(1, Date.parse(dates[dates.length - 1]) - lo);
    const pos = (iso) => ((Date.parse(iso) - lo) / span) * 170 + 5;
    const table = h("table", { class: "consents" }, h("thead", {}, h("tr", {},
      [S.c_post, S.c_published, S.c_consent, S.c_valid, S.c_state].map((t, i) => h("th", { class: i === 1 ? "" : i === 3 ? "opt" : "" }, t)), h("th", { class: "opt" }, S.c_timeline))));
    const body = h("tbody", {});
    for (const [pi, id, signed, end, reason] of rowsData) {
      const p = posts[pi], day = p.when.slice(0, 10);
      const ns = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 180 16"); svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", `${signed || "?"} – ${end || "∞"}; ${day}`);
      if (signed) { const r = document.createElementNS(ns, "rect"); const x = pos(signed); r.setAttribute("x", x); r.setAttribute("y", 5); r.setAttribute("height", 6);
        r.setAttribute("width", Math.max(2, (end ? pos(end) : 175) - x)); r.setAttribute("fill", reason ? "#e0a3ab" : "#9ccc9f"); svg.append(r); }
      const m = document.createElementNS(ns, "rect"); m.setAttribute("x", pos(day) - 1); m.setAttribute("y", 1); m.setAttribute("width", 3); m.setAttribute("height", 14);
      m.setAttribute("fill", reason ? "var(--sev-error)" : "var(--text)"); svg.append(m);
      body.append(h("tr", {}, h("td", {}, postTitle(p), h("div", { class: "path" }, p.path)), h("td", {}, day), h("td", {}, id),
        h("td", { class: "opt" }, `${signed || "—"} – ${end || "∞"}`), h("td", { class: reason ? "bad" : "" }, reason ? S.reasons[reason] || reason : S.reasons.ok),
        h("td", { class: "bar opt" }, svg)));
    }
    table.append(body);
    consentBox.append(table);
  }

  function drawAll() { drawCalendar(); drawMix(); drawTable(); }
  drawAll();
  drawConsents();
  document.documentElement.dataset.ready = "1";
})();
