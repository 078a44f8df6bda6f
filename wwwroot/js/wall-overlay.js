// The critical overlay. The server's alert list decides what it shows: every wall keeps the same
// set of open criticals (the list sent on subscribing, then every change), so two screens agree.
// It shows the firing (unacknowledged) ones only: once someone has taken a critical moment it
// leaves the overlay on every screen at once, and its tile keeps a red frame until it is resolved.
import { api } from "./api.js";
import { t, ago, time, alertText } from "./i18n.js";

export function criticalOverlay({ onBoard, siteName, onOpen = () => {} }) {
  const open = new Map();
  // Firing or acknowledged: the tiles of their scopes stay marked until they are resolved.
  const unresolved = new Map();
  const el = id => document.getElementById(id);
  const comments = new Map();

  // What the customer said: an event alert carries it; for others, the first item behind it.
  async function commentOf(alert) {
    if (alert.values?.text) return alert.values.text;
    if (comments.has(alert.id)) return comments.get(alert.id);
    let text = null;
    try {
      const detail = await api(`/api/v1/alerts/${alert.id}`);
      text = detail.triggers.map(x => x.item?.text ?? x.item?.comment).find(Boolean) ?? null;
    } catch { /* the overlay still shows the rest */ }
    comments.set(alert.id, text);
    return text;
  }

  async function render() {
    const waiting = [...open.values()].sort((x, y) => Date.parse(y.firedAt ?? y.since) - Date.parse(x.firedAt ?? x.since));
    const overlay = el("overlay");
    overlay.dataset.count = String(waiting.length);
    if (!waiting.length) { overlay.classList.add("hidden"); return; }
    const latest = waiting[0];
    const summary = alertText(latest).summary;
    const site = siteName(latest);
    el("overlay-count").textContent = t("openCriticals", { n: waiting.length });
    el("overlay-summary").textContent = summary;
    // The summary names the site in most rules: then it is not said twice.
    el("overlay-site").textContent = site && !summary.includes(site) ? site : "";
    const at = latest.firedAt ?? latest.since;
    el("overlay-time").textContent = `${ago(at)} · ${time(at)}`;
    overlay.classList.remove("hidden");
    const said = text => (text ? t("customerSaid", { text }) : "");
    el("overlay-comment").textContent = said(latest.values?.text);
    const comment = await commentOf(latest);
    if (open.get(latest.id) === latest) el("overlay-comment").textContent = said(comment);
  }

  function update(alert) {
    if (alert.severity !== "critical" || !onBoard(alert)) return;
    if (alert.state === "firing") open.set(alert.id, alert);
    else open.delete(alert.id);
    if (alert.state === "firing" || alert.state === "acknowledged") unresolved.set(alert.id, alert);
    else unresolved.delete(alert.id);
    onOpen([...unresolved.values()]);
    render();
  }

  // Relative times ("2 minutes ago") move on by themselves.
  setInterval(render, 30_000);
  return {
    /** The server's full list after every (re)subscription replaces what this screen knew. */
    replace: list => { open.clear(); unresolved.clear(); onOpen([]); list.forEach(update); render(); },
    update,
  };
}
