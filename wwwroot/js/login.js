import { t, translate } from "./i18n.js";

translate();
const form = document.getElementById("login");
const error = document.getElementById("error");
form.addEventListener("submit", async event => {
  event.preventDefault();
  error.textContent = "";
  const data = Object.fromEntries(new FormData(form));
  const response = await fetch("/api/v1/session", {
    method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
  });
  if (response.ok) {
    const back = new URLSearchParams(location.search).get("return");
    // Only a path on this site: never an open redirect.
    location.href = back && back.startsWith("/") && !back.startsWith("//") ? back : "/";
    return;
  }
  error.textContent = response.status === 429 ? t("locked") : t("wrongPassword");
});
