// Calls the API as the signed-in person: the session cookie goes along, writes carry the
// anti-forgery token, and an ended session sends the viewer to the sign-in page.
let session = null;

export async function currentSession() {
  if (session) return session;
  const response = await fetch("/api/v1/session", { credentials: "same-origin" });
  if (response.status === 401) { toLogin(); return new Promise(() => {}); }
  session = await response.json();
  if (session.mustChangePassword) {
    // The server allows nothing but the password change: sign in again, and the sign-in page asks for it.
    await fetch("/api/v1/session", { method: "DELETE", credentials: "same-origin", headers: { "X-CSRF-Token": session.csrfToken } });
    toLogin();
    return new Promise(() => {});
  }
  return session;
}

export function toLogin() {
  location.href = "/login?return=" + encodeURIComponent(location.pathname + location.search);
}

export async function api(path, { method = "GET", body, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["X-CSRF-Token"] = (await currentSession()).csrfToken;
    if (body !== undefined) headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, { method, headers, signal, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { toLogin(); throw new Error("signed out"); }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw Object.assign(new Error(problem.detail || `${response.status} ${response.statusText}`), { status: response.status });
  }
  return response.status === 204 ? null : response.json();
}

/** Sends a file as the request body (CSV imports), with the anti-forgery token. */
export async function upload(path, file) {
  const headers = { Accept: "application/json", "Content-Type": file.type || "text/csv", "X-CSRF-Token": (await currentSession()).csrfToken };
  const response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: file });
  if (response.status === 401) { toLogin(); throw new Error("signed out"); }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.detail || `${response.status} ${response.statusText}`);
  return json;
}

export const hasRole = (s, ...roles) => s.roles.some(r => roles.includes(r));
