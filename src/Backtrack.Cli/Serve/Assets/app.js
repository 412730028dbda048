"use strict";
// The status page: every view comes from the JSON endpoints (the CLI's -o json shapes) and the live feed
// (server-sent events). Text is put in with textContent only, never parsed as HTML.
(() => {
  const envName = decodeURIComponent(location.pathname.split("/")[2] || "");
  const api = path => `/api/env/${encodeURIComponent(envName)}${path}`;
  const $ = id => document.getElementById(id);
  let csrf = "";
  let confirmed = null;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // System.Text.Json writes a TimeSpan as [d.]hh:mm:ss[.fffffff].
  function seconds(span) {
    if (!span) return null;
    const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span);
    return match ? (+(match[1] || 0)) * 86400 + (+match[2]) * 3600 + (+match[3]) * 60 + (+match[4]) : null;
  }

  function duration(total) {
    if (total === null || total === undefined) return "-";
    if (total < 1) return `${Math.round(total * 1000)}ms`;
    if (total < 60) return `${total.toFixed(1)}s`;
    if (total < 3600) return `${Math.floor(total / 60)}m${Math.floor(total % 60)}s`;
    if (total < 86400) return `${Math.floor(total / 3600)}h${Math.floor(total % 3600 / 60)}m`;
    return `${Math.floor(total / 86400)}d${Math.floor(total % 86400 / 3600)}h`;
  }

  const shortId = id => id ? id.replace(/^sha256:/, "").slice(0, 12) : "-";
  const time = iso => iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + "Z" : "-";

  async function getJson(path) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  }

  function renderStatus(status) {
    const body = $("services").tBodies[0];
    body.replaceChildren(...status.services.map(s => {
      const check = s.check || {};
      const latency = seconds(check.latency);
      const health = `${check.healthy ? "ok" : "FAIL"} ${check.detail || ""}${latency === null ? "" : ` (${duration(latency)})`}`;
      const notes = [...(s.problems || []), s.drift].filter(Boolean).join("; ");
      if (status.backend === "Swarm") return stackRow(s, health, notes);
      return el("tr", { "data-service": s.service, "data-state": s.state, class: s.healthy ? "ok" : "bad" },
        el("td", { text: s.service }),
        el("td", { class: "state", text: s.state }),
        el("td", { class: "mono", text: s.image || "-" }),
        el("td", { class: "mono", text: shortId(s.imageId) }),
        el("td", { class: "health", text: health }),
        el("td", { text: String(s.restartCount) }),
        el("td", { text: duration(seconds(s.uptime)) }),
        el("td", { class: "muted", text: notes }));
    }));
    $("interrupted").replaceChildren(...status.interrupted.map(line => el("li", { text: line })));
    const select = $("service");
    const chosen = select.value;
    select.replaceChildren(...status.services.map(s => el("option", { value: s.service, text: s.service })));
    if (chosen) select.value = chosen;
  }

  // A swarm service: replicas running/desired and the update's state for State, its tasks' states where a container's restarts go.
  function stackRow(s, health, notes) {
    const update = s.update && s.update.state ? ` (update ${s.update.state})` : "";
    const tasks = s.tasks.map(t => `${t.slot === null ? "" : `${t.slot}: `}${t.state}${t.error ? ` (${t.error})` : ""}`).join(", ");
    return el("tr", { "data-service": s.service, "data-state": `${s.running}/${s.desired}`, class: s.healthy ? "ok" : "bad" },
      el("td", { text: s.service }),
      el("td", { class: "state", text: `${s.running}/${s.desired} running${update}` }),
      el("td", { class: "mono", text: s.image || "-" }),
      el("td", { class: "mono", text: "-" }),
      el("td", { class: "health", text: health }),
      el("td", { class: "tasks", text: tasks || "-" }),
      el("td", { text: "-" }),
      el("td", { class: "muted", text: notes }));
  }

  function renderTimeline(operations) {
    $("timeline").replaceChildren(...operations.map(op => {
      const state = op.outcome || (op.ended ? "ended" : "running");
      const steps = el("ol", {}, ...op.steps.map(step => el("li", { "data-step": step.kind, class: `outcome-${step.outcome || "running"}` },
        `${time(step.started)} ${step.phase === "compensate" ? "undo " : ""}${step.lane}: ${step.description} — ${step.outcome || "running"}`,
        step.ended ? ` (${duration((new Date(step.ended) - new Date(step.started)) / 1000)})` : "",
        step.error ? el("span", { class: "error", text: ` ${step.error}` }) : null)));
      const report = el("a", { href: api(`/operations/${encodeURIComponent(op.id)}/report`), target: "_blank", rel: "noopener" }, "incident report");
      const verification = el("button", { type: "button", class: "link" }, "verification");
      const checks = el("div", { class: "muted" });
      verification.addEventListener("click", () => showVerification(op.id, checks));
      return el("li", { "data-operation": op.id },
        el("strong", { text: op.command }), " ", el("span", { class: `outcome-${state}`, text: state }),
        el("span", { class: "muted", text: ` ${op.id} · ${time(op.started)}` }),
        op.error ? el("div", { class: "error", text: op.error }) : null,
        steps, report, " ", verification, checks);
    }));
  }

  async function showVerification(id, into) {
    const response = await fetch(api(`/operations/${encodeURIComponent(id)}/verification`));
    if (!response.ok) { into.textContent = "no verification journaled"; return; }
    const report = await response.json();
    into.replaceChildren(el("div", { text: report.passed ? "verification passed" : "verification FAILED" }),
      ...report.checks.map(c => el("div", { text: `${c.passed ? "✓" : "✗"} ${c.check} ${c.subject}: ${c.detail}` })));
  }

  // What changed from the release before: images and env variable names (never values).
  function changes(release, older) {
    if (!older) return ["first recorded release"];
    const lines = [];
    for (const s of release.services) {
      const before = older.services.find(o => o.service === s.service);
      if (!before) { lines.push(`${s.service}: added (${s.image})`); continue; }
      if (before.imageId !== s.imageId) lines.push(`${s.service}: ${before.image} → ${s.image}`);
      const added = s.envNames.filter(n => !before.envNames.includes(n));
      const removed = before.envNames.filter(n => !s.envNames.includes(n));
      if (added.length || removed.length) lines.push(`${s.service}: env ${added.map(n => "+" + n).concat(removed.map(n => "-" + n)).join(" ")}`);
    }
    return lines.length ? lines : ["no image or env variable changed"];
  }

  function renderReleases(releases) {
    $("releases").replaceChildren(...releases.map((r, i) => el("li", { "data-release": String(r.id) },
      el("strong", { text: `#${r.id}${r.current ? " (running)" : ""}` }),
      el("span", { class: "muted", text: ` ${time(r.created)} · ${r.origin}${r.note ? " · " + r.note : ""}${r.gitCommit ? " · " + r.gitCommit.slice(0, 8) : ""}` }),
      el("ul", {}, ...changes(r, releases[i + 1]).map(line => el("li", { text: line }))))));
  }

  function renderInventory(inventory) {
    const releases = el("table", {}, el("thead", {}, el("tr", {}, ...["Release", "Created", "Can roll back to", "Images"].map(h => el("th", { text: h })))),
      el("tbody", {}, ...inventory.releases.map(r => el("tr", {},
        el("td", { text: `#${r.id}${r.current ? " (running)" : ""}` }),
        el("td", { text: time(r.created) }),
        el("td", { text: r.current ? "-" : r.rollbackable ? "yes" : "no (image gone)" }),
        el("td", { class: "mono", text: r.services.map(s => `${s.service}=${s.image}${s.imagePresent ? "" : " (missing)"}`).join(", ") })))));
    const snapshots = inventory.snapshots.length === 0 ? el("p", { class: "muted", text: "no snapshots" }) :
      el("table", {}, el("thead", {}, el("tr", {}, ...["Snapshot", "Kind", "Created", "Verified", "A restore discards"].map(h => el("th", { text: h })))),
        el("tbody", {}, ...inventory.snapshots.map(s => el("tr", {},
          el("td", { class: "mono", text: s.snapshot.id }),
          el("td", { text: s.snapshot.kind }),
          el("td", { text: time(s.snapshot.created) }),
          el("td", { text: s.verifiedAt ? time(s.verifiedAt) : "never" }),
          el("td", { text: `${duration(s.discardsSeconds)} of changes` })))));
    $("inventory").replaceChildren(el("div", { class: "scroll" }, releases), el("h3", { text: "Snapshots" }), el("div", { class: "scroll" }, snapshots));
  }

  async function refreshHistoryViews() {
    try {
      renderReleases(await getJson(api("/releases")));
      renderInventory(await getJson(api("/inventory")));
    } catch (e) {
      $("inventory").textContent = `could not load: ${e.message}`;
    }
  }

  function actionRequest() {
    const action = $("action").value;
    return {
      action: action.startsWith("rollback") ? "rollback" : action,
      services: action === "rollback-service" ? [$("service").value] : [],
      to: $("to").value || "previous",
    };
  }

  async function post(path, body) {
    const response = await fetch(api(path), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "X-Backtrack-Token": $("token").value },
      body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw new Error(`refused (${response.status}): ${reply.error}`);
    return reply;
  }

  function say(text, isError) {
    $("action-result").textContent = text;
    $("action-result").className = isError ? "error" : "";
  }

  async function showPlan(event) {
    event.preventDefault();
    try {
      const request = actionRequest();
      const reply = await post("/actions/plan", request);
      confirmed = { ...request, confirmedPlan: reply.text, confirmedPlanId: reply.id };
      $("plan").textContent = reply.text;
      $("confirm").hidden = false;
      say("");
    } catch (e) {
      $("confirm").hidden = true;
      say(e.message, true);
    }
  }

  async function run() {
    $("confirm").hidden = true;
    try {
      const reply = await post("/actions/run", confirmed);
      say(reply.operation ? `operation ${reply.operation} started; its steps show in the timeline`
        : `verification ${reply.verification.passed ? "passed" : "FAILED"}: ${reply.verification.checks.filter(c => !c.passed).map(c => `${c.check} ${c.subject}`).join(", ") || "every check passed"}`, false);
    } catch (e) {
      say(e.message, true);
    }
  }

  function syncForm() {
    const action = $("action").value;
    $("service-label").hidden = action !== "rollback-service";
    $("to-label").hidden = !action.startsWith("rollback");
  }

  async function start() {
    $("env").textContent = envName;
    const environments = await getJson("/api/environments");
    $("environments").replaceChildren(...environments.map(e => el("a", { href: `/env/${encodeURIComponent(e.name)}`, text: e.name })));
    const session = await getJson("/api/session");
    csrf = session.csrf;
    $("actions-mode").textContent = session.actions
      ? "Actions need the token given to 'backtrack serve --token-file'. Each shows its plan first."
      : "Read-only: this server was started without --token-file.";
    $("action-form").addEventListener("submit", showPlan);
    $("action").addEventListener("change", syncForm);
    $("run").addEventListener("click", run);
    $("cancel").addEventListener("click", () => { $("confirm").hidden = true; });
    syncForm();
    refreshHistoryViews();

    const feed = new EventSource(api("/events"));
    feed.addEventListener("open", () => { $("live").textContent = "live"; $("live").className = "pill live"; });
    feed.addEventListener("error", () => { $("live").textContent = "reconnecting"; $("live").className = "pill down"; });
    feed.addEventListener("status", e => renderStatus(JSON.parse(e.data)));
    feed.addEventListener("operations", e => { renderTimeline(JSON.parse(e.data)); refreshHistoryViews(); });
  }

  start().catch(e => say(`could not load the page: ${e.message}`, true));
})();
