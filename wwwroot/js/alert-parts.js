// Pieces of the alert console that are not about one alert: the order of the list, names
// instead of scope ids, and a dialog in place of prompt()/alert().
import { api } from "./api.js";
import { t, catalogues, named } from "./i18n.js";

const severityRank = { critical: 0, warning: 1, info: 2 };
const stateRank = { firing: 0, pending: 1, acknowledged: 2, resolved: 3 };
const at = a => Date.parse(a.firedAt ?? a.since);

/** Most severe first, then what still needs someone, then the oldest (it has waited longest). */
export const byUrgency = (x, y) =>
  (severityRank[x.severity] ?? 9) - (severityRank[y.severity] ?? 9) || (stateRank[x.state] ?? 9) - (stateRank[y.state] ?? 9) || at(x) - at(y);

const siteNames = new Map();
export async function loadSiteNames() {
  try { for (const s of await api("/api/v1/sites")) siteNames.set(s.id, s.name); } catch { /* ids are still readable */ }
}


/** "site-touchpoint:riga-old-town/support" → "Riga Old Town · поддержка". */
export function scopeName(scope) {
  if (!scope || scope === "all") return t("alert.scope.all");
  const [kind, value = ""] = scope.split(/:(.*)/s);
  const [site, rest] = kind.startsWith("site") ? [value.split("/")[0], value.split("/").slice(1).join("/")] : [null, value];
  return [site ? siteNames.get(site) ?? site : null, named(kind === "channel" ? "channel." : "touchpoint.", rest) || null].filter(Boolean).join(" · ");
}

/** A modal dialog: with a label it asks for text (null when cancelled); without, it informs. */
export function ask({ label, action, message, multiline = false }) {
  const dialog = document.createElement("dialog");
  dialog.className = "card";
  const form = document.createElement("form");
  form.method = "dialog";
  let input = null;
  if (message) { const p = document.createElement("p"); p.textContent = message; form.append(p); }
  if (label) {
    const l = document.createElement("label");
    l.textContent = label;
    input = document.createElement(multiline ? "textarea" : "input");
    input.required = true;
    l.append(input);
    form.append(l);
  }
  const buttons = document.createElement("p");
  buttons.className = "actions";
  const ok = document.createElement("button");
  ok.className = "primary"; ok.value = "ok"; ok.textContent = action ?? t("ok");
  buttons.append(ok);
  if (label) {
    const cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = t("cancel");
    cancel.addEventListener("click", () => dialog.close("cancel"));
    buttons.append(cancel);
  }
  form.append(buttons);
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener("close", () => {
    dialog.remove();
    resolve(dialog.returnValue === "ok" && input ? input.value.trim() || null : null);
  }));
}

// The server records history in English words (the core's reasons); each is shown in the
// reader's language. Anything unknown (a person's note, a newer reason) shows as written.
const reasons = {
  "the condition held": "reason.held", "the condition started": "reason.started", "another matching item": "reason.another",
  "the condition came back within the flap window": "reason.flap", "the condition ended before it fired": "reason.ended",
  "the condition cleared past its resolve bound": "reason.cleared",
};
const minutes = span => {
  const [, days = 0, h, m] = /^(?:(\d+)\.)?(\d+):(\d\d):\d\d/.exec(span) ?? [];
  return t("alert.minutes", { n: Number(days) * 1440 + Number(h) * 60 + Number(m) });
};
function words(text) {
  if (reasons[text]) return t(reasons[text]);
  if (catalogues.en["history." + text]) return t("history." + text);
  let m;
  if ((m = /^unacknowledged after (.+)$/.exec(text))) return t("reason.unacknowledged", { time: minutes(m[1]) });
  if ((m = /^still unresolved after (.+)$/.exec(text))) return t("reason.unresolved", { time: minutes(m[1]) });
  if ((m = /^\w+ not sent: silence (\d+) by (.+?) \((.*)\)$/s.exec(text))) return t("reason.silenced", { id: m[1], name: m[2], comment: m[3] });
  return text;
}

/** One history entry: "26.11.26, 01:40 · cxmonitor · сработало — условие выполнялось". */
export const historyLine = (h, time) => `${time(h.at)} · ${h.actor} · ${words(h.action)}${h.note ? ` — ${h.actor === "cxmonitor" ? words(h.note) : h.note}` : ""}`;
