// The public survey (/s/CODE), also shown inside the web widget: one question, optional
// reasons and comment, and contact details only when the customer ticks the consent box.
// The page's token comes with the question; the server refuses answers without it.
import { t, translate, language, useLanguage } from "./i18n.js";
import { scaleButtons, scaleEnds, ownNames } from "./scale-buttons.js";

const $ = id => document.getElementById(id);
const code = location.pathname.split("/").pop();
let survey = null, score = null;

function render() {
  translate();
  $("place").textContent = survey.siteName;
  $("question").textContent = t(survey.scale === "nps11" ? "survey.npsQuestion" : "survey.csatQuestion", { site: survey.siteName });
  const scale = $("scale");
  scale.className = `scale ${survey.scale}`;
  scale.replaceChildren(...scaleButtons(survey.scale, survey.scores, (value, button) => {
    score = value;
    for (const b of scale.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
    $("message").textContent = "";
  }));
  for (const b of scale.querySelectorAll("button")) b.setAttribute("aria-pressed", String(Number(b.dataset.score) === score));
  const ends = scaleEnds(survey.scale);
  if (ends) scale.append(ends);
  const chosen = new Set([...$("reasons").querySelectorAll("[aria-pressed=true]")].map(c => c.dataset.code));
  $("reasons").replaceChildren(...survey.reasons.map(reason => {
    const chip = document.createElement("button");
    chip.type = "button"; chip.className = "chip"; chip.dataset.code = reason;
    chip.setAttribute("aria-pressed", String(chosen.has(reason)));
    chip.textContent = t(`reason.${reason}`) === `reason.${reason}` ? reason : t(`reason.${reason}`);
    chip.addEventListener("click", () => chip.setAttribute("aria-pressed", String(chip.getAttribute("aria-pressed") !== "true")));
    return chip;
  }));
  $("langs").setAttribute("aria-label", t("rate.chooseLanguage"));
  $("langs").replaceChildren(...survey.languages.map(c => {
    const b = document.createElement("button");
    b.type = "button"; b.lang = c; b.textContent = ownNames[c] ?? c;
    b.setAttribute("aria-pressed", String(c === language()));
    b.addEventListener("click", () => { useLanguage(c); render(); relabel(); });
    return b;
  }));
}

// The server's refusals name the field; the customer reads them in their own language.
const messages = { token: "survey.expired", contact: "survey.contactInvalid", comment: "survey.badComment", score: "survey.chooseScore" };

async function send(event) {
  event.preventDefault();
  if (score === null) { $("message").textContent = t("survey.chooseScore"); return; }
  const consent = $("consent").checked;
  const body = {
    token: survey.token, score, language: language(),
    reasons: [...$("reasons").querySelectorAll("[aria-pressed=true]")].map(c => c.dataset.code),
    comment: $("comment").value.trim() || undefined,
    consent, contact: consent ? $("contact").value.trim() : undefined,
  };
  $("send").disabled = true;
  try {
    const response = await fetch(`/api/v1/survey/${encodeURIComponent(code)}`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
    });
    if (response.status === 202) { $("form").classList.add("hidden"); $("done").classList.remove("hidden"); return; }
    const problem = await response.json().catch(() => ({}));
    $("message").textContent = response.status === 429 ? t("survey.tooMany")
      : response.status === 400 && messages[problem.field] ? t(messages[problem.field])
      : t("survey.failed");
  } catch {
    $("message").textContent = t("survey.failed");
  } finally {
    $("send").disabled = false;
  }
}

// Inside the web widget (widget.js frames this page with ?embed=1): a "Rate us" button first,
// and the frame grows to the form when it is pressed.
const embedded = new URLSearchParams(location.search).get("embed") === "1";
const tell = state => parent.postMessage({ type: "cx-widget", state, title: t("widget.open") }, "*");
function embed() {
  document.body.classList.add("embedded");
  const toggle = document.createElement("button");
  toggle.type = "button"; toggle.id = "widget-open"; toggle.className = "primary widget-open"; toggle.textContent = t("widget.open");
  const close = document.createElement("button");
  close.type = "button"; close.id = "widget-close"; close.className = "widget-close"; close.textContent = t("widget.close");
  const card = document.querySelector(".survey-card");
  card.classList.add("hidden");
  document.querySelector(".rate-bar").append(close);
  document.querySelector(".rate-bar").classList.add("hidden");
  toggle.addEventListener("click", () => { toggle.classList.add("hidden"); card.classList.remove("hidden"); document.querySelector(".rate-bar").classList.remove("hidden"); tell("open"); });
  close.addEventListener("click", () => { toggle.classList.remove("hidden"); card.classList.add("hidden"); document.querySelector(".rate-bar").classList.add("hidden"); tell("closed"); });
  document.body.prepend(toggle);
  tell("closed");
}

$("consent").addEventListener("change", () => $("contact-field").classList.toggle("hidden", !$("consent").checked));
$("form").addEventListener("submit", send);

const response = await fetch(`/api/v1/survey/${encodeURIComponent(code)}`, { headers: { Accept: "application/json" } }).catch(() => null);
if (response?.ok) {
  survey = await response.json();
  $("comment").maxLength = survey.maxComment;
  render();
  $("form").classList.remove("hidden");
  if (embedded) embed();
} else {
  translate();
  $("gone-text").textContent = t(response?.status === 429 ? "survey.tooMany" : "survey.failed");
  $("gone").classList.remove("hidden");
}

function relabel() {
  if ($("widget-open")) $("widget-open").textContent = t("widget.open");
  if ($("widget-close")) $("widget-close").textContent = t("widget.close");
}
