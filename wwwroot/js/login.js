import { t, translate } from "./i18n.js";
import { localReturnPath } from "./return-path.js";

translate();
const form = document.getElementById("login");
const error = document.getElementById("error");
const back = () => localReturnPath(new URLSearchParams(location.search).get("return"), location.origin);
let session = null;

form.addEventListener("submit", async event => {
  event.preventDefault();
  error.textContent = "";
  const data = Object.fromEntries(new FormData(form));
  const response = await fetch("/api/v1/session", {
    method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
  });
  if (response.ok) {
    session = await response.json();
    if (!session.mustChangePassword) { location.href = back(); return; }
    // A one-time password: the server allows nothing else until the person chooses their own.
    showPasswordChange(data.password);
    return;
  }
  error.textContent = response.status === 429 ? t("locked") : t("wrongPassword");
});

function showPasswordChange(currentPassword) {
  const change = document.getElementById("change-template").content.firstElementChild.cloneNode(true);
  translate(change);
  change.elements.currentPassword.value = currentPassword;
  change.addEventListener("submit", event => { event.preventDefault(); changePassword(change); });
  form.replaceWith(change);
  change.elements.newPassword.focus();
}

async function changePassword(change) {
  const changeError = document.getElementById("change-error");
  changeError.textContent = "";
  const data = Object.fromEntries(new FormData(change));
  const response = await fetch("/api/v1/session/password", {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrfToken }, body: JSON.stringify(data),
  });
  if (response.ok) { location.href = back(); return; }
  const problem = await response.json().catch(() => ({}));
  changeError.textContent = problem.detail ?? t("wrongPassword");
}
