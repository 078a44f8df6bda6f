// The admin page: people, wall screens, API keys, sites, channels and routes, and the rule files,
// as readable tables (no raw JSON) and forms that say what is wrong before anything is sent.
import { api, upload } from "./api.js";
import { nav } from "./nav.js";
import { t, time } from "./i18n.js";
import { cells, short, openingHoursText, parseOpeningHours, validate, fieldError } from "./admin-format.js";

await nav("admin");
const row = (values, action) => {
  const tr = cells(values);
  const td = document.createElement("td");
  if (action) { const b = document.createElement("button"); b.type = "button"; b.textContent = action.label; b.addEventListener("click", action.run); td.append(b); }
  tr.append(td);
  return tr;
};
const showSecret = text => { const el = document.getElementById("secret"); el.textContent = text; el.classList.remove("hidden"); };
const when = at => (at ? time(at) : t("never"));
const fill = (id, rows) => document.getElementById(id).replaceChildren(...rows);
// The API serialises enums as their numbers; people read words.
const ruleKinds = ["threshold", "drop", "burst", "event", "silence", "review_spike"];
const severities = ["info", "warning", "critical"];
const word = (prefix, value, list) =>
  t(`${prefix}.${typeof value === "number" ? list[value] : list.find(k => k.replace("_", "") === String(value).toLowerCase()) ?? value}`);

async function load() {
  const users = await api("/api/v1/users");
  fill("users", users.map(u => row([short(u.userName), u.roles.join(", "), when(u.lastSignInAt)],
    { label: t(u.disabledAt ? "enable" : "disable"), run: () => api(`/api/v1/users/${encodeURIComponent(u.userName)}`, { method: "PATCH", body: { disabled: !u.disabledAt } }).then(load, showFailure) })));
  const displays = await api("/api/v1/displays");
  fill("displays", displays.map(d => row([short(d.name), short(d.board), d.revokedAt ? t("revoked") : when(d.lastSeenAt)],
    d.revokedAt ? null : { label: t("revoke"), run: () => api(`/api/v1/displays/${d.id}`, { method: "DELETE" }).then(load, showFailure) })));
  const keys = await api("/api/v1/keys");
  fill("keys", keys.map(k => row([k.keyId, short(k.source), short(k.sites.join(", ")), k.revokedAt ? t("revoked") : when(k.lastUsedAt)],
    k.revokedAt ? null : { label: t("revoke"), run: () => api(`/api/v1/keys/${k.keyId}`, { method: "DELETE" }).then(load, showFailure) })));
  const sites = await api("/api/v1/sites");
  fill("sites", sites.map(s => cells([`${short(s.name)} (${short(s.id)})`, s.timeZone, openingHoursText(s.openingHours)])));
  const boards = await api("/api/v1/walls");
  const names = ["main", ...Object.keys(boards).filter(b => b !== "main")];
  document.getElementById("board-choice").replaceChildren(...names.map(n => new Option(short(n, 40), n)));
  fill("boards", Object.entries(boards).map(([name, b]) => cells([short(name), short(b.title), (b.tiles ?? []).map(x => short(x.label || x.scope, 40)).join(", "),
    b.language ?? t("languageAuto"), b.next ? `${short(b.next)} (${b.seconds} s)` : "–"])));
  const notify = await api("/api/v1/notify/config");
  fill("channels", notify.channels.map(c => cells([short(c.name), `${c.type} · ${c.language ?? "en"}`, short(c.url ?? c.to ?? c.smtpHost ?? "–") + (c.secretSet || c.passwordSet ? ` · ${t("secretSet")}` : "")])));
  fill("routes", notify.routes.map(r => cells([short(r.name), (r.channels ?? []).join(", "),
    [r.catchAll ? "*" : null, r.minSeverity != null ? word("severity", r.minSeverity, severities) : null, ...(r.sites ?? [])].filter(Boolean).join(" · ") || "–"])));
  const feeds = await api("/api/v1/feeds");
  fill("feeds", feeds.map(f => row([
    `${short(f.name)} (${f.source}, ${f.platform})`, f.site, when(f.state.lastSuccess),
    f.state.lastError ? `${when(f.state.lastErrorAt)}: ${short(f.state.lastError, 200)}` : t("none"),
    t("feedCounts", { new: f.state.itemsNew, updated: f.state.itemsUpdated, rejected: f.state.itemsRejected })],
    f.source === "webhook" ? null : { label: t("pollNow"), run: () => api(`/api/v1/feeds/${encodeURIComponent(f.name)}/poll`, { method: "POST" }).then(load, showFailure) })));
  const rules = await api("/api/v1/alerts/rules");
  document.getElementById("rule-errors").textContent = rules.errors.join("\n");
  fill("rules", rules.rules.map(r => cells([short(r.name), word("ruleKind", r.kind, ruleKinds), word("severity", r.severity, severities), r.route ?? "–"])));
  // A rule that routes to a route nobody configured sends its alerts nowhere: say so.
  const known = new Set(notify.routes.map(r => r.name));
  const missing = [...new Set(rules.rules.flatMap(r => [r.route, r.escalation?.route]).filter(r => r && !known.has(r)))];
  const warning = document.getElementById("missing-channels");
  warning.textContent = missing.length ? t("missingChannels", { names: missing.join(", ") }) : "";
  warning.classList.toggle("hidden", missing.length === 0);
}

function showFailure(error) { showSecret(t("actionFailed", { message: error.message })); }

const form = (id, check, submit) => document.getElementById(id).addEventListener("submit", async e => {
  e.preventDefault();
  const el = e.target;
  const data = Object.fromEntries(new FormData(el));
  const problem = validate(el) ?? check?.(data);
  fieldError(el, problem);
  if (problem) return;
  try { await submit(data); el.reset(); await load(); } catch (error) { fieldError(el, error.message); }
});
form("new-user", null, async d => { const r = await api("/api/v1/users", { method: "POST", body: { userName: d.userName, roles: [d.role] } }); showSecret(t("oneTimePassword", { name: r.user.userName, secret: r.oneTimePassword })); });
form("new-display", null, async d => { const r = await api("/api/v1/displays", { method: "POST", body: d }); showSecret(t("pairLink", { url: location.origin + r.pairUrl })); });
form("new-key", null, async d => { const r = await api("/api/v1/keys", { method: "POST", body: { source: d.source, sites: d.sites.split(",").map(s => s.trim()).filter(Boolean) } }); showSecret(t("apiKeyShown", { name: d.source, secret: r.key })); });
form("site", d => (parseOpeningHours(d.hours) ? null : t("invalidHours")),
  d => api("/api/v1/sites", { method: "POST", body: { id: d.id, name: d.name, timeZone: d.timeZone, openingHours: parseOpeningHours(d.hours) } }));
document.getElementById("import").addEventListener("submit", async e => {
  e.preventDefault();
  const d = new FormData(e.target);
  const query = new URLSearchParams([...d].filter(([k, v]) => k !== "file" && v));
  const status = document.getElementById("import-result");
  status.textContent = t("importing");
  try {
    const r = await upload("/api/v1/reviews/import?" + query, d.get("file"));
    status.textContent = t("importResult", { seen: r.seen, new: r.new, updated: r.updated, duplicates: r.duplicates, rejected: r.rejectedCount })
      + r.rejected.slice(0, 10).map(x => `\n${x.index + 1}, ${x.path}: ${x.error}`).join("");
    await load();
  } catch (error) { status.textContent = error.message; }
});
await load();
