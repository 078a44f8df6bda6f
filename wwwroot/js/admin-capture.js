// The admin page's capture sections (issue 18): terminals with their one-time pairing links,
// and survey links with their QR codes, A4 posters and the widget's script tag.
import { api } from "./api.js";
import { t, time, named } from "./i18n.js";
import { cells, short, validate, fieldError } from "./admin-format.js";

const $ = id => document.getElementById(id);
const showSecret = text => { $("secret").textContent = text; $("secret").classList.remove("hidden"); };
const link = (href, text, download) => { const a = document.createElement("a"); a.href = href; a.textContent = text; if (download) a.download = ""; return a; };
const button = (text, run) => { const b = document.createElement("button"); b.type = "button"; b.textContent = text; b.addEventListener("click", run); return b; };

async function load() {
  const sites = await api("/api/v1/sites");
  for (const select of document.querySelectorAll("select.capture-sites"))
    if (!select.options.length) select.append(...sites.map(s => new Option(short(s.name, 40), s.id)));
  // Names, never ids or codes: the site's own name, touchpoints, channels and scales from the catalogue.
  const siteName = id => sites.find(s => s.id === id)?.name ?? id;
  const where = x => `${short(siteName(x.site))} · ${short(named("touchpoint.", x.touchpoint))}`;
  const scale = code => named("scale.", code);
  const terminals = await api("/api/v1/terminals");
  $("terminals").replaceChildren(...terminals.map(x => {
    const tr = cells([short(x.name), where(x), scale(x.scale), String(x.repeats),
      x.revokedAt ? t("revoked") : x.lastSeenAt ? time(x.lastSeenAt) : t("never")]);
    const td = document.createElement("td");
    if (!x.revokedAt) td.append(button(t("terminals.revoke"), () => api(`/api/v1/terminals/${x.id}`, { method: "DELETE" }).then(load)));
    tr.append(td);
    return tr;
  }));
  const surveys = (await api("/api/v1/surveys")).filter(s => !s.revokedAt);
  $("surveys").replaceChildren(...surveys.map(s => {
    const tr = cells([`${where(s)} (${named("channel.", s.channel)})`, scale(s.scale)]);
    const url = `${location.origin}/s/${s.code}`;
    const links = document.createElement("td");
    links.append(link(url, url), " · ", link(`/api/v1/surveys/${s.code}/qr.png`, t("surveys.qrPng"), true), " · ",
      link(`/api/v1/surveys/${s.code}/qr.svg`, t("surveys.qrSvg"), true), " · ", Object.assign(link(`/surveys/${s.code}/poster`, t("surveys.poster")), { target: "_blank" }));
    const actions = document.createElement("td");
    actions.append(button(t("terminals.revoke"), () => api(`/api/v1/surveys/${s.code}`, { method: "DELETE" }).then(load)));
    tr.append(links, actions);
    return tr;
  }));
  const example = surveys.at(-1)?.code ?? "CODE";
  $("widget-snippet").textContent = `<script src="${location.origin}/js/widget.js" data-survey="${example}" data-lang="en" async></script>`;
}

const form = (id, submit) => $(id).addEventListener("submit", async e => {
  e.preventDefault();
  const el = e.target;
  const problem = validate(el);
  fieldError(el, problem);
  if (problem) return;
  const data = Object.fromEntries(new FormData(el));
  try { await submit(data, el); el.reset(); await load(); } catch (error) { fieldError(el, error.message); }
});
form("new-terminal", async (d, el) => {
  const r = await api("/api/v1/terminals", { method: "POST", body: { name: d.name, site: d.site, touchpoint: d.touchpoint, scale: d.scale, followUp: el.elements.followUp.checked } });
  showSecret(t("terminals.pairLink", { url: location.origin + r.pairUrl }));
});
form("new-survey", d => api("/api/v1/surveys", { method: "POST", body: d }));
await load();
