// The duty console: the live list, a detail with its context chart and the items behind it,
// and the actions, by mouse or keyboard. New firing alerts play a tone and, where permitted,
// show a browser notification.
import { api } from "./api.js";
import { nav } from "./nav.js";
import { t, time, ago, alertText } from "./i18n.js";
import { ask, scopeName, loadSiteNames, byUrgency, historyLine } from "./alert-parts.js";
import { connect } from "./live.js";

await nav("alerts");
await loadSiteNames();
const list = document.getElementById("list");
const detail = document.getElementById("detail");
const filters = document.getElementById("filters");
let alerts = [];
let selected = null;
let chart = null;

const query = () => new URLSearchParams([...new FormData(filters)].filter(([, v]) => v));
async function load() {
  alerts = (await api("/api/v1/alerts?" + query())).sort(byUrgency);
  renderList();
}

function matches(a) {
  const q = Object.fromEntries(query());
  const state = q.state ?? "";
  return (!state || (state === "open" ? ["firing", "acknowledged"].includes(a.state) : a.state === state))
    && (!q.severity || a.severity === q.severity) && (!q.site || a.site === q.site) && (!q.rule || a.rule === q.rule);
}

function renderList() {
  list.replaceChildren(...alerts.map(a => {
    const row = document.createElement("tr");
    row.tabIndex = 0;
    row.dataset.id = a.id;
    if (a.id === selected) row.className = "selected";
    row.innerHTML = `<td><span class="sev"></span></td><td class="summary"><span></span><small class="muted"></small></td><td class="state"></td><td></td><td></td>`;
    row.querySelector(".sev").textContent = t("severity." + a.severity);
    row.querySelector(".sev").classList.add(a.severity);
    row.cells[1].firstChild.textContent = alertText(a).summary;
    // The scope under the summary, unless the summary already names it.
    const scope = scopeName(a.scope);
    row.cells[1].lastChild.textContent = alertText(a).summary.includes(scope) ? "" : scope;
    row.cells[2].textContent = t("state." + a.state);
    row.cells[3].textContent = a.assignedTo ?? a.acknowledgedBy ?? t("nobody");
    row.cells[4].textContent = ago(a.firedAt ?? a.since);
    row.cells[4].className = "age";
    row.cells[4].title = time(a.firedAt ?? a.since);
    row.addEventListener("click", () => select(a.id));
    row.addEventListener("keydown", e => { if (e.key === "Enter") select(a.id); });
    return row;
  }));
  document.getElementById("empty").classList.toggle("hidden", alerts.length > 0);
}

async function select(id) {
  selected = id;
  renderList();
  // The detail sits beside a long list: bring it into view rather than draw it off screen.
  detail.scrollIntoView({ block: "nearest" });
  const d = await api(`/api/v1/alerts/${id}`);
  const a = d.alert;
  detail.innerHTML = `<h2></h2><p class="desc"></p><p class="muted meta"></p><div class="actions"></div>
    <div class="chart"><canvas></canvas></div><h3></h3><ul class="triggers"></ul><h3></h3><ol class="history"></ol>`;
  detail.querySelector("canvas").setAttribute("aria-label", t("contextChart"));
  const [triggersTitle, historyTitle] = detail.querySelectorAll("h3");
  triggersTitle.textContent = t("triggers");
  historyTitle.textContent = t("history");
  detail.querySelector("h2").textContent = alertText(a).summary;
  detail.querySelector(".desc").textContent = alertText(a).description;
  detail.querySelector(".meta").textContent = [a.rule, scopeName(a.scope), ago(a.firedAt ?? a.since), t("state." + a.state),
    a.acknowledgedBy ? t("acknowledgedBy", { name: a.acknowledgedBy }) : null, a.assignedTo ? t("assignedTo", { name: a.assignedTo }) : null].filter(Boolean).join(" · ");
  detail.querySelector(".meta").dataset.state = a.state;
  const actions = detail.querySelector(".actions");
  const open = a.state === "firing" || a.state === "acknowledged";
  const button = (key, handler, enabled = true) => {
    const b = document.createElement("button");
    b.textContent = t(key);
    b.disabled = !enabled;
    b.addEventListener("click", () => handler().then(() => select(id)).catch(e => ask({ message: t("actionFailed", { message: e.message }) })));
    actions.append(b);
  };
  button("acknowledge", () => act(id, "acknowledge"), a.state === "firing");
  button("resolve", () => act(id, "resolve", {}), open);
  button("assign", async () => { const who = await ask({ label: t("assignTo"), action: t("assign") }); if (who) await act(id, "assign", { assignee: who }); }, open);
  button("comment", async () => { const text = await ask({ label: t("commentText"), action: t("comment"), multiline: true }); if (text) await act(id, "comments", { text }); });
  button("silence", () => api("/api/v1/alerts/silences", { method: "POST", body: { rule: a.rule, site: a.site, endsAt: new Date(Date.now() + 4 * 3600_000).toISOString(), comment: `silenced from the console (alert ${id})` } }));
  button("noise", () => act(id, "feedback", { verdict: "noise" }));
  button("useful", () => act(id, "feedback", { verdict: "useful" }));
  const triggers = detail.querySelector(".triggers");
  for (const tr of d.triggers) {
    const li = document.createElement("li");
    li.textContent = `${time(tr.item.time)} · ${scopeName("site:" + tr.item.site)} · ${t("kind." + tr.item.kind)} ${tr.item.score ?? tr.item.stars ?? ""} ${tr.item.text ?? ""}`;
    li.dataset.id = tr.item.id ?? "";
    triggers.append(li);
  }
  showCallbacks(id, triggers);
  const history = detail.querySelector(".history");
  for (const h of d.history) {
    const li = document.createElement("li");
    li.textContent = historyLine(h, time);
    history.append(li);
  }
  chart?.destroy();
  chart = new Chart(detail.querySelector("canvas"), {
    type: "line",
    data: { datasets: [{ label: t("metric." + (a.values.metric ?? "csat")), data: d.context.map(p => ({ x: p.time, y: p.value })), spanGaps: true }] },
    // Ticks through Intl in the page's language: date-fns alone would write "10:59 p.m." everywhere.
    options: { animation: false, maintainAspectRatio: false, scales: { x: { type: "time", ticks: { callback: value => time(value) } },
      y: ["csat", "norm"].includes(a.values.metric ?? "csat") ? { suggestedMin: 0, suggestedMax: 100 } : {} } },
  });
}

const act = (id, action, body) => api(`/api/v1/alerts/${id}/${action}`, { method: "POST", body });

filters.addEventListener("change", load);
document.addEventListener("keydown", e => {
  if (["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName)) return;
  const index = alerts.findIndex(a => a.id === selected);
  if (e.key === "j" && alerts.length) select(alerts[Math.min(alerts.length - 1, index + 1)].id);
  if (e.key === "k" && alerts.length) select(alerts[Math.max(0, index - 1)].id);
  if (selected && e.key === "a") act(selected, "acknowledge").then(() => select(selected)).catch(() => {});
  if (selected && e.key === "r") act(selected, "resolve", {}).then(() => select(selected)).catch(() => {});
  if (selected && e.key === "n") act(selected, "feedback", { verdict: "noise" }).then(() => select(selected)).catch(() => {});
});

function announce(alert) {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch { /* no audio before the first interaction: the list still shows it */ }
  if ("Notification" in window && Notification.permission === "granted") new Notification(alertText(alert).summary);
}
if ("Notification" in window && Notification.permission === "default") document.addEventListener("click", () => Notification.requestPermission(), { once: true });

await load();
connect({
  scopes: [],
  alerts: true,
  on: {
    // After every (re)subscription: reload, so nothing that changed while disconnected is missed.
    openAlerts: () => load(),
    alert: update => {
      const a = update.alert;
      const at = alerts.findIndex(x => x.id === a.id);
      if (at >= 0) alerts.splice(at, 1);
      if (matches(a)) alerts.unshift(a);
      alerts.sort(byUrgency);
      renderList();
      if (update.change === "firing") announce(a);
      if (a.id === selected) select(a.id);
    },
  },
  onState: () => {},
});

// Customers who answered a survey and left contact details with consent (Capture, issue 18).
async function showCallbacks(id, triggers) {
  const callbacks = await api(`/api/v1/alerts/${id}/callbacks`).catch(() => []);
  for (const c of callbacks) {
    const li = [...triggers.children].find(x => x.dataset.id === c.ratingId);
    if (!li || selected !== id) continue;
    const mark = document.createElement("strong");
    mark.className = "callback";
    mark.textContent = t("survey.wantsCallBack", { contact: c.contact });
    li.append(" · ", mark);
  }
}
