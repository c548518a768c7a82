// The dashboard's behaviour, plain JavaScript with no build step. The server embeds the first
// picture in the page; /api/v1/events then sends one event per reconcile pass. Actions go through the
// REST API with API_TOKEN, asked once and kept in this tab's sessionStorage only.
(function () {
  "use strict";
  const TOKEN_KEY = "runner-orchestrator.api-token";
  const HOUR = 3600;
  const QUEUE_ROWS = 200;
  const $ = (id) => document.getElementById(id);
  const esc = (v) => String(v == null ? "" : v).replace(/[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  let state = JSON.parse($("initial-state").textContent);
  let timeline = [];
  let samples = [];
  let clockSkew = 0;
  const charts = {};

  function age(iso) {
    if (!iso) return "";
    const s = Math.max(0, Math.round((Date.now() + clockSkew - Date.parse(iso)) / 1000));
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m " + (s % 60) + "s";
    return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m";
  }
  const time = (iso) => new Date(iso).toLocaleTimeString();

  // Merges an event into what the page holds: a full one replaces history, others append.
  function merge(next) {
    if (next.full) {
      timeline = next.timeline.slice();
      samples = next.samples.slice();
    } else {
      const lastSeq = timeline.length ? timeline[timeline.length - 1].seq : 0;
      next.timeline.forEach((e) => { if (e.seq > lastSeq) timeline.push(e); });
      next.samples.forEach((s) => {
        if (samples.length && samples[samples.length - 1].t >= s.t) samples[samples.length - 1] = s;
        else samples.push(s);
      });
      if (timeline.length > 500) timeline = timeline.slice(timeline.length - 500);
      const oldest = next.samples.length ? next.samples[next.samples.length - 1].t - HOUR : 0;
      while (samples.length && samples[0].t < oldest) samples.shift();
    }
    clockSkew = Date.parse(next.now) - Date.now();
    state = next;
  }

  function render() {
    const p = state.pool;
    $("instance").textContent = state.instance + (state.demo ? " · demo" : "") + " · pass " + state.pass
        + (state.at ? " at " + time(state.at) : "") + (state.shuttingDown ? " · shutting down" : "");
    $("counts").textContent = p.total + " runners (" + p.starting + " starting, " + p.idle + " idle, " + p.busy
        + " busy) · MIN " + p.min + " · MAX " + p.max + " · heading for " + p.desired + " · " + state.queue.length + " queued";
    $("pool-summary").textContent = p.total + " of MAX " + p.max + " (MIN " + p.min + ")";
    const unlocked = !!token();
    const rows = p.runners.map((r) => "<tr class=\"state-" + esc(r.state) + "\" data-runner=\"" + esc(r.name) + "\">"
        + "<td>" + esc(r.name) + "</td><td class=\"state\">" + esc(r.state) + "</td><td>" + age(r.createdAt)
        + "</td><td>" + esc(r.job) + "</td><td>" + esc(r.image) + "</td><td>" + esc(r.backend) + "</td><td>"
        + esc(r.node) + "</td><td><button data-logs=\"" + esc(r.name) + "\"" + (unlocked ? "" : " disabled")
        + ">logs</button> <button data-remove=\"" + esc(r.name) + "\"" + (unlocked ? "" : " disabled")
        + ">remove</button></td></tr>");
    $("pool").classList.toggle("no-node", !p.runners.some((r) => r.node)); // only in a cluster
    $("pool").tBodies[0].innerHTML = rows.join("") || "<tr><td colspan=\"8\" class=\"muted\">no runners</td></tr>";
    // The oldest jobs matter most; a thousand rows would slow every update for rows nobody reads.
    const shownJobs = state.queue.slice(0, QUEUE_ROWS);
    $("queue-summary").textContent = state.queue.length + " jobs"
        + (state.queue.length > QUEUE_ROWS ? ", the oldest " + QUEUE_ROWS + " shown" : "");
    $("queue").tBodies[0].innerHTML = shownJobs.map((j) => "<tr data-job=\"" + j.id + "\"><td>" + j.id
        + "</td><td>" + esc(j.repository) + "</td><td>" + esc(j.labels.join(", ")) + "</td><td>" + age(j.queuedAt)
        + "</td><td class=\"reason\">" + esc(j.reason) + "</td></tr>").join("")
        || "<tr><td colspan=\"5\" class=\"muted\">no queued jobs</td></tr>";
    $("health").innerHTML = state.health.map((h) => "<li class=\"" + esc(h.level) + "\"><b>" + esc(h.name)
        + "</b>: " + esc(h.summary) + "<div class=\"what\">" + esc(h.action) + "</div>"
        + (h.details.length ? "<ul class=\"details\">" + h.details.map((d) => "<li>" + esc(d) + "</li>").join("")
            + "</ul>" : "") + "</li>").join("");
    renderTimeline();
    renderCharts();
    renderAccess();
  }

  function renderTimeline() {
    const action = $("timeline-action").value;
    const words = $("timeline-filter").value.trim().toLowerCase();
    const shown = timeline.filter((e) => (!action || e.action === action) && (!words
        || [e.reason, e.runner, e.job, e.action].join(" ").toLowerCase().includes(words)));
    $("timeline").tBodies[0].innerHTML = shown.slice(-300).reverse().map((e) => "<tr class=\"decision\">"
        + "<td>" + time(e.at) + "</td><td>" + e.pass + "</td><td class=\"action-" + esc(e.action) + "\">"
        + esc(e.action) + "</td><td class=\"reason\">" + esc(e.reason) + "</td><td>" + esc(e.job) + "</td><td>"
        + esc(e.runner) + "</td></tr>").join("")
        || "<tr><td colspan=\"6\" class=\"muted\">no scale decision yet</td></tr>";
  }

  const CHARTS = {
    "chart-runners": [["starting", "#0969da"], ["idle", "#1a7f37"], ["busy", "#8250df"]],
    "chart-queue": [["queue", "#9a6700"]],
    "chart-wait": [["waitP50", "#0969da", "p50"], ["waitP95", "#cf222e", "p95"]],
    "chart-budget": [["githubRemaining", "#57606a", "remaining"]],
  };

  function renderCharts() {
    if (typeof uPlot === "undefined") return;
    const xs = samples.map((s) => s.t);
    Object.entries(CHARTS).forEach(([id, series]) => {
      const data = [xs].concat(series.map(([key]) => samples.map((s) => s[key])));
      if (!charts[id]) {
        const box = $(id);
        charts[id] = new uPlot({
          width: Math.max(240, box.clientWidth - 8), height: 150, legend: { show: true },
          scales: { x: { time: true } },
          series: [{}].concat(series.map(([key, colour, label]) => ({ label: label || key, stroke: colour, width: 1.5 }))),
        }, data, box);
      } else {
        charts[id].setData(data);
      }
    });
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function renderAccess() {
    const box = $("access");
    const unlocked = !!token();
    box.className = "access" + (unlocked ? " unlocked" : "");
    document.querySelectorAll("[data-needs-token]").forEach((b) => { b.disabled = !unlocked; });
    if (box.dataset.mode === String(unlocked) + state.access.apiTokenSet) return;
    box.dataset.mode = String(unlocked) + state.access.apiTokenSet;
    if (!state.access.apiTokenSet) {
      box.innerHTML = "<span id=\"read-only\">Read-only: actions are off because the server has no API_TOKEN set.</span>";
    } else if (unlocked) {
      box.innerHTML = "<span>Actions unlocked for this tab (API_TOKEN kept in session storage).</span>"
          + "<button id=\"forget-token\">Forget token</button>";
      $("forget-token").onclick = () => { sessionStorage.removeItem(TOKEN_KEY); render(); };
    } else {
      box.innerHTML = "<span id=\"read-only\">Read-only: enter API_TOKEN to scale or remove runners.</span>"
          + "<input id=\"token-input\" type=\"password\" placeholder=\"API_TOKEN\" autocomplete=\"off\">"
          + "<button id=\"token-save\">Unlock actions</button>";
      const save = () => {
        const value = $("token-input").value.trim();
        if (value) { sessionStorage.setItem(TOKEN_KEY, value); render(); }
      };
      $("token-save").onclick = save;
      $("token-input").onkeydown = (e) => { if (e.key === "Enter") save(); };
    }
  }

  function say(text, failed) {
    const box = $("action-result");
    box.textContent = text;
    box.className = "action-result" + (failed ? " error" : "");
  }

  // Calls the REST API with the token; a 401 forgets it, so the page asks again.
  async function call(method, path, body) {
    const headers = { Authorization: "Bearer " + token() };
    if (body) headers["Content-Type"] = "application/json";
    const answer = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await answer.text();
    if (answer.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      render();
    }
    if (!answer.ok) {
      let detail = text;
      try { detail = JSON.parse(text).detail || text; } catch (e) { /* plain text */ }
      throw new Error(answer.status + ": " + detail);
    }
    return text;
  }

  async function act(label, method, path, body) {
    say(label + "…");
    try {
      const text = await call(method, path, body);
      let detail = text;
      try {
        const a = JSON.parse(text);
        detail = [a.detail, (a.runners || []).join(", ")].filter(Boolean).join(": ") || text;
      } catch (e) { /* plain text */ }
      say(label + ": " + detail);
    } catch (e) {
      say(label + " failed: " + e.message, true);
    }
  }

  $("scale-up").onclick = () => act("Scale up", "POST", "/api/v1/runners/scale-up", { count: 1 });
  $("scale-down").onclick = () => act("Scale down", "POST", "/api/v1/runners/scale-down", { count: 1 });
  $("pool").addEventListener("click", async (e) => {
    const remove = e.target.getAttribute("data-remove");
    const logs = e.target.getAttribute("data-logs");
    if (remove && confirm("Remove runner " + remove + "? A busy runner is kept.")) {
      act("Remove " + remove, "DELETE", "/api/v1/runners/" + encodeURIComponent(remove));
    }
    if (logs) {
      $("logs-title").textContent = "Logs of " + logs;
      $("logs").textContent = "loading…";
      $("logs-dialog").showModal();
      try {
        $("logs").textContent = await call("GET", "/api/v1/runners/" + encodeURIComponent(logs) + "/logs?tail=200")
            || "(no output yet)";
      } catch (err) {
        $("logs").textContent = "could not read the logs: " + err.message;
      }
    }
  });
  $("timeline-action").onchange = renderTimeline;
  $("timeline-filter").oninput = renderTimeline;

  function connect() {
    const live = $("live");
    const source = new EventSource("/api/v1/events");
    source.addEventListener("snapshot", (e) => {
      const started = performance.now();
      merge(JSON.parse(e.data));
      render();
      // Read by the benchmark (docs/benchmarks.md, Dashboard): the cost of one update.
      window.dashboardLastUpdateAt = started;
      window.dashboardLastUpdateMs = performance.now() - started;
      window.dashboardUpdates = (window.dashboardUpdates || 0) + 1;
      live.textContent = "live"; live.className = "badge ok";
    });
    source.onerror = () => { live.textContent = "reconnecting…"; live.className = "badge warn"; };
  }

  // For the benchmark and tests: apply a state as if an event had brought it.
  window.dashboard = { apply: (next) => { merge(next); render(); } };

  const first = performance.now();
  merge(state);
  render();
  window.dashboardFirstRenderMs = performance.now() - first;
  window.dashboardRenderedAt = performance.now(); // since navigation start
  document.body.dataset.rendered = "true";
  setInterval(render, 5000); // ages keep moving between passes
  connect();
})();
