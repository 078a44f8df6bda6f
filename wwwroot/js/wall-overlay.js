// The critical overlay. The server's alert list decides what it shows: every wall keeps the same
// set of open criticals (the list sent on subscribing, then every change), so two screens agree,
// and acknowledging one leaves the overlay up while others are still unacknowledged.
import { api } from "./api.js";
import { t, ago, time, alertText } from "./i18n.js";

export function criticalOverlay({ onBoard, siteName }) {
  const open = new Map();
  const el = id => document.getElementById(id);
  const comments = new Map();
  let lastAcknowledged = null;
  let hideAckAt = 0;

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
    const waiting = [...open.values()].filter(a => a.state === "firing").sort((x, y) => Date.parse(y.firedAt ?? y.since) - Date.parse(x.firedAt ?? x.since));
    const overlay = el("overlay");
    const showAck = lastAcknowledged && Date.now() < hideAckAt;
    if (!waiting.length && !showAck) { overlay.classList.add("hidden"); return; }
    const latest = waiting[0] ?? lastAcknowledged;
    overlay.dataset.count = String(waiting.length);
    el("overlay-count").textContent = waiting.length ? t("openCriticals", { n: waiting.length }) : "";
    el("overlay-summary").textContent = alertText(latest).summary;
    el("overlay-site").textContent = siteName(latest);
    const at = latest.firedAt ?? latest.since;
    el("overlay-time").textContent = `${ago(at)} · ${time(at)}`;
    const ack = el("overlay-ack");
    ack.classList.toggle("hidden", !showAck);
    ack.textContent = showAck ? t("acknowledgedBy", { name: lastAcknowledged.acknowledgedBy ?? "" }) : "";
    overlay.classList.remove("hidden");
    const comment = await commentOf(latest);
    el("overlay-comment").textContent = comment ? t("customerSaid", { text: comment }) : "";
  }

  function update(alert, fromList = false) {
    if (alert.severity !== "critical" || !onBoard(alert)) return;
    if (alert.state === "firing") open.set(alert.id, alert);
    else open.delete(alert.id);
    if (alert.state === "acknowledged" && !fromList) { lastAcknowledged = alert; hideAckAt = Date.now() + 60_000; setTimeout(render, 60_500); }
    render();
  }

  // Relative times ("2 minutes ago") move on by themselves.
  setInterval(render, 30_000);
  return {
    /** The server's full list after every (re)subscription replaces what this screen knew. */
    replace: list => { open.clear(); list.forEach(a => update(a, true)); render(); },
    update,
  };
}
