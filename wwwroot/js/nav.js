import { currentSession, hasRole } from "./api.js";
import { t, translate } from "./i18n.js";

/** The top bar: links to the pages the viewer's roles allow, and sign-out. */
export async function nav(active) {
  const session = await currentSession();
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
  bar.append(who, out);
  document.body.prepend(bar);
  translate();
  return session;
}
