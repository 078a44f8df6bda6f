// The kiosk terminal: one question, big answer buttons, a thank-you, back to the question.
// Every answer goes into the IndexedDB queue first and is sent from there, in order, so the
// network may come and go (a discreet mark shows it is gone) without an answer being lost.
import { t, translate, language, useLanguage, named } from "./i18n.js";
import * as queue from "./answer-queue.js";
import { scaleButtons, scaleEnds, ownNames } from "./scale-buttons.js";

const $ = id => document.getElementById(id);
const startLanguage = language();
let terminal = null;
let backTimer = 0, retryTimer = 0, retryDelay = 1000, flushing = false, again = false;

function show(section) {
  for (const id of ["ask", "follow", "thanks", "unpaired"]) $(id).classList.toggle("hidden", id !== section);
}

function render() {
  translate();
  $("place").textContent = `${terminal.siteName} · ${named("touchpoint.", terminal.touchpoint)}`;
  $("question").textContent = terminal.question[language()] ?? t("rate.question");
  const scale = $("scale");
  scale.className = `scale ${terminal.scale}`;
  scale.replaceChildren(...scaleButtons(terminal.scale, terminal.scores, answer));
  const ends = scaleEnds(terminal.scale);
  if (ends) scale.append(ends);
  $("reasons").replaceChildren(...terminal.reasons.map(code => {
    const chip = document.createElement("button");
    chip.type = "button"; chip.className = "chip"; chip.dataset.code = code;
    chip.setAttribute("aria-pressed", "false");
    chip.textContent = t(`reason.${code}`) === `reason.${code}` ? code : t(`reason.${code}`);
    chip.addEventListener("click", () => { chip.setAttribute("aria-pressed", String(chip.getAttribute("aria-pressed") !== "true")); keepFollowUp(); });
    return chip;
  }));
  $("langs").setAttribute("aria-label", t("rate.chooseLanguage"));
  $("langs").replaceChildren(...terminal.languages.map(code => {
    const b = document.createElement("button");
    b.type = "button"; b.lang = code; b.textContent = ownNames[code] ?? code;
    b.setAttribute("aria-pressed", String(code === language()));
    b.addEventListener("click", () => { useLanguage(code); render(); });
    return b;
  }));
  updateOffline();
}

let pending = null;

function answer(score) {
  const record = { id: queue.newId(), time: new Date().toISOString(), score, language: language() };
  if (terminal.followUp && terminal.unhappy.includes(score)) {
    pending = record;
    $("comment").value = ""; $("comment").maxLength = terminal.maxComment;
    for (const chip of $("reasons").children) chip.setAttribute("aria-pressed", "false");
    show("follow");
    keepFollowUp();
    return;
  }
  keep(record).then(thanks);
}

// The follow-up waits for a touch; untouched, the answer goes as it is and the screen starts over.
function keepFollowUp() {
  clearTimeout(backTimer);
  backTimer = setTimeout(() => finishFollowUp(false), terminal.followUpMs);
}

function finishFollowUp(withDetails) {
  clearTimeout(backTimer);
  if (!pending) return;
  const record = pending;
  pending = null;
  if (withDetails) {
    record.reasons = [...$("reasons").querySelectorAll("[aria-pressed=true]")].map(c => c.dataset.code);
    record.comment = $("comment").value.trim() || undefined;
  }
  keep(record).then(withDetails ? thanks : restart);
}

async function keep(record) {
  await queue.add(record);
  flush();
}

function thanks() {
  show("thanks");
  clearTimeout(backTimer);
  backTimer = setTimeout(restart, terminal.thankYouMs);
}

// The next customer starts in the terminal's own language.
function restart() {
  if (language() !== startLanguage) { useLanguage(startLanguage); render(); }
  show("ask");
}

async function flush() {
  if (flushing) { again = true; return; }
  flushing = true;
  clearTimeout(retryTimer);
  try {
    for (;;) {
      again = false;
      const batch = await queue.oldest(terminal.maxBatch);
      if (!batch.length) { setOffline(false); break; }
      let response;
      try {
        response = await fetch("/api/v1/terminal/answers", {
          // The server moves the answers' times by how far this clock is off (X-Cx-Sent-At).
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-Cx-Sent-At": new Date().toISOString() },
          body: JSON.stringify(batch.map(({ seq, ...a }) => a)),
        });
      } catch {
        setOffline(true);
        retryLater();
        break;
      }
      if (response.status === 401) { show("unpaired"); break; }
      // 202, or 400 for answers that can never be valid (they would block the queue forever).
      if (response.status === 202 || response.status === 400) {
        await queue.remove(batch.map(a => a.seq));
        retryDelay = 1000;
        setOffline(false);
        continue;
      }
      setOffline(true);
      retryLater();
      break;
    }
  } finally {
    flushing = false;
    if (again) flush();
  }
}

function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 30_000);
}

let offline = false;
function setOffline(value) { offline = value; updateOffline(); }
async function updateOffline() {
  $("offline").classList.toggle("hidden", !offline);
  if (offline) {
    const text = `${t("rate.offline")} · ${t("rate.queued", { n: await queue.count() })}`;
    $("offline-text").textContent = text;
    $("offline").title = text;
  }
}

$("send").addEventListener("click", () => finishFollowUp(true));
$("skip").addEventListener("click", () => finishFollowUp(false));
$("comment").addEventListener("input", keepFollowUp);
window.addEventListener("online", () => { retryDelay = 1000; flush(); });

// The settings are kept in this browser too, so a tablet restarted without a network still asks.
const SETTINGS = "cx.terminal";
let response = null;
try { response = await fetch("/api/v1/terminal", { credentials: "same-origin", headers: { Accept: "application/json" } }); } catch { /* offline */ }
if (response?.ok) {
  terminal = await response.json();
  try { localStorage.setItem(SETTINGS, JSON.stringify(terminal)); } catch { /* private mode */ }
} else if (response?.status !== 401) {
  try { terminal = JSON.parse(localStorage.getItem(SETTINGS) ?? "null"); } catch { terminal = null; }
  if (terminal) setOffline(true);
} else {
  try { localStorage.removeItem(SETTINGS); } catch { /* private mode */ }
}
if (terminal) {
  render();
  show("ask");
  flush();
} else {
  translate();
  show("unpaired");
}
