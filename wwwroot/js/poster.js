// The A4 poster of a survey (admins print it from the admin page): the QR code as SVG, so it
// stays sharp at any size, with the short link written out for phones without a camera.
import { t, translate } from "./i18n.js";

const code = location.pathname.split("/")[2];
translate();
const qr = document.getElementById("qr");
qr.src = `/api/v1/surveys/${encodeURIComponent(code)}/qr.svg`;
qr.alt = t("surveys.link");
document.getElementById("link").textContent = `${location.origin}/s/${code}`;
const response = await fetch(`/api/v1/survey/${encodeURIComponent(code)}`, { headers: { Accept: "application/json" } });
if (response.ok) document.getElementById("site").textContent = (await response.json()).siteName;
