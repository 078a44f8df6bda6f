import { api, currentSession, hasRole } from "./api.js";
import { t, translate, language, languages, usePersonLanguage } from "./i18n.js";

/** The top bar: links to the pages the viewer's roles allow, the language, and sign-out. */
export async function nav(active) {
  const session = await currentSession();
  // Chosen in another browser since this one last heard: the page speaks it from here on.
  usePersonLanguage(session.language);
  const links = [["/wall", "wall", true], ["/alerts", "alerts", hasRole(session, "Admin", "Manager", "Duty")], ["/trends", "trends", hasRole(session, "Admin", "Manager", "Executive")], ["/admin", "admin", hasRole(session, "Admin")]];
  const bar = document.createElement("nav");
  bar.className = "top";
  bar.setAttribute("aria-label", "CxMonitor");
  bar.innerHTML = `<a class="brand" href="/">CxMonitor</a>`;
  for (const [href, key, allowed] of links) {
    if (!allowed) continue;
    const a = document.createElement("a");
    a.href = href; a.textContent = t(key);
    if (key === active) a.setAttribute("aria-current", "page");
    bar.append(a);
  }
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = `${session.displayName} (${session.roles.join(", ")})`;
  const out = document.createElement("button");
  out.textContent = t("signOut");
  out.addEventListener("click", async () => {
    await fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin", headers: { "X-CSRF-Token": session.csrfToken } });
    location.href = "/login";
  });
  bar.append(who, languagePicker(), out);
  document.body.prepend(bar);
  translate();
  return session;
}

// Names of languages in their own language, so anyone can find theirs.
const own = { en: "English", ru: "Русский", uk: "Українська" };

/** The person's own language, kept with the person on the server (it follows them to every
 *  browser); the page redraws in it at once. */
function languagePicker() {
  const select = document.createElement("select");
  select.id = "language";
  select.setAttribute("aria-label", t("language"));
  for (const code of languages) select.append(new Option(own[code], code, false, code === language()));
  select.addEventListener("change", async () => {
    await api("/api/v1/session/language", { method: "PUT", body: { language: select.value } });
    location.reload();
  });
  return select;
}
