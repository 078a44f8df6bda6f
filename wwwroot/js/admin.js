// The admin page: people, wall screens, API keys, sites, channels and routes, and the rule files.
import { api, upload } from "./api.js";
import { nav } from "./nav.js";
import { time } from "./i18n.js";

await nav("admin");
const row = (cells, action) => {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c ?? "–"; tr.append(td); }
  const td = document.createElement("td");
  if (action) { const b = document.createElement("button"); b.textContent = action.label; b.addEventListener("click", action.run); td.append(b); }
  tr.append(td);
  return tr;
};
const showSecret = text => { const el = document.getElementById("secret"); el.textContent = text; el.classList.remove("hidden"); };
const when = t => (t ? time(t) : "never");

async function load() {
  const users = await api("/api/v1/users");
  document.getElementById("users").replaceChildren(...users.map(u => row([u.userName, u.roles.join(", "), when(u.lastSignInAt)],
    { label: u.disabledAt ? "Enable" : "Disable", run: () => api(`/api/v1/users/${encodeURIComponent(u.userName)}`, { method: "PATCH", body: { disabled: !u.disabledAt } }).then(load, e => alert(e.message)) })));
  const displays = await api("/api/v1/displays");
  document.getElementById("displays").replaceChildren(...displays.map(d => row([d.name, d.board, d.revokedAt ? "revoked" : when(d.lastSeenAt)],
    d.revokedAt ? null : { label: "Revoke", run: () => api(`/api/v1/displays/${d.id}`, { method: "DELETE" }).then(load) })));
  const keys = await api("/api/v1/keys");
  document.getElementById("keys").replaceChildren(...keys.map(k => row([k.keyId, k.source, k.sites.join(","), k.revokedAt ? "revoked" : when(k.lastUsedAt)],
    k.revokedAt ? null : { label: "Revoke", run: () => api(`/api/v1/keys/${k.keyId}`, { method: "DELETE" }).then(load) })));
  const sites = await api("/api/v1/sites");
  document.getElementById("sites").replaceChildren(...sites.map(s => row([`${s.name} (${s.id})`, s.timeZone, JSON.stringify(s.openingHours)])));
  document.getElementById("boards").textContent = JSON.stringify(await api("/api/v1/walls"), null, 2);
  document.getElementById("notify").textContent = JSON.stringify(await api("/api/v1/notify/config"), null, 2);
  const feeds = await api("/api/v1/feeds");
  document.getElementById("feeds").replaceChildren(...feeds.map(f => row([
    `${f.name} (${f.source}, ${f.platform})`, f.site, when(f.state.lastSuccess),
    f.state.lastError ? `${when(f.state.lastErrorAt)}: ${f.state.lastError}` : "none",
    `${f.state.itemsNew} new, ${f.state.itemsUpdated} updated, ${f.state.itemsRejected} rejected`],
    f.source === "webhook" ? null : { label: "Poll now", run: () => api(`/api/v1/feeds/${encodeURIComponent(f.name)}/poll`, { method: "POST" }).then(load, e => alert(e.message)) })));
  const rules = await api("/api/v1/alerts/rules");
  document.getElementById("rule-errors").textContent = rules.errors.join("\n");
  document.getElementById("rules").replaceChildren(...rules.rules.map(r => row([r.name, r.kind, r.severity, r.route])));
}

const form = (id, submit) => document.getElementById(id).addEventListener("submit", async e => {
  e.preventDefault();
  try { await submit(Object.fromEntries(new FormData(e.target))); e.target.reset(); await load(); } catch (error) { alert(error.message); }
});
form("new-user", async d => { const r = await api("/api/v1/users", { method: "POST", body: { userName: d.userName, roles: [d.role] } }); showSecret(`One-time password for ${r.user.userName}: ${r.oneTimePassword}`); });
form("new-display", async d => { const r = await api("/api/v1/displays", { method: "POST", body: d }); showSecret(`Open this link once on the screen: ${location.origin}${r.pairUrl}`); });
form("new-key", async d => { const r = await api("/api/v1/keys", { method: "POST", body: { source: d.source, sites: d.sites.split(",").map(s => s.trim()) } }); showSecret(`API key for ${d.source} (shown once): ${r.key}`); });
form("site", d => api("/api/v1/sites", { method: "POST", body: { id: d.id, name: d.name, timeZone: d.timeZone, openingHours: JSON.parse(d.hours) } }));
document.getElementById("import").addEventListener("submit", async e => {
  e.preventDefault();
  const d = new FormData(e.target);
  const query = new URLSearchParams([...d].filter(([k, v]) => k !== "file" && v));
  const status = document.getElementById("import-result");
  status.textContent = "Importing…";
  try {
    const r = await upload("/api/v1/reviews/import?" + query, d.get("file"));
    status.textContent = `${r.seen} rows: ${r.new} new, ${r.updated} updated, ${r.duplicates} unchanged, ${r.rejectedCount} rejected`
      + r.rejected.slice(0, 10).map(x => `\nrow ${x.index + 1}, ${x.path}: ${x.error}`).join("");
    await load();
  } catch (error) { status.textContent = error.message; }
});
await load();
