// The answer buttons of a scale, shared by the terminal and the survey: faces for smiley4,
// thumbs for thumbs2, numbers for csat5 and nps11. Each button names its answer for screen
// readers ("Very unhappy", "7 out of 10"), since a face or a digit alone says little.
import { t } from "./i18n.js";

const colours = { 1: "#b3261e", 2: "#c25e00", 3: "#3d8b2f", 4: "#1b7f3b" };
// Mouth curves from a frown (1) to a wide smile (4).
const mouths = { 1: "M30 72 Q50 52 70 72", 2: "M32 68 Q50 60 68 68", 3: "M32 62 Q50 74 68 62", 4: "M28 58 Q50 84 72 58" };

function face(score) {
  return `<svg viewBox="0 0 100 100" aria-hidden="true" focusable="false"><circle cx="50" cy="50" r="46" fill="${colours[score]}"/>`
    + `<circle cx="35" cy="40" r="6" fill="#fff"/><circle cx="65" cy="40" r="6" fill="#fff"/>`
    + `<path d="${mouths[score]}" stroke="#fff" stroke-width="7" fill="none" stroke-linecap="round"/></svg>`;
}

function thumb(up) {
  return `<svg viewBox="0 0 100 100" aria-hidden="true" focusable="false"><circle cx="50" cy="50" r="46" fill="${up ? "#1b7f3b" : "#b3261e"}"/>`
    + `<g transform="${up ? "" : "rotate(180 50 50)"}"><path d="M30 48h10v28H30zM44 48l12-22c6 0 8 4 7 10l-2 8h14c4 0 7 4 6 8l-5 18c-1 4-4 6-8 6H44z" fill="#fff"/></g></svg>`;
}

export function label(scale, score) {
  if (scale === "smiley4") return t(`rate.smiley.${score}`);
  if (scale === "thumbs2") return t(`rate.thumbs.${score}`);
  return t("rate.score", { n: score, max: scale === "nps11" ? 10 : 5 });
}

/** Buttons for every score of the scale; onPick(score, button) on a press. */
export function scaleButtons(scale, scores, onPick) {
  return scores.map(score => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `answer ${scale}`;
    button.dataset.score = score;
    button.setAttribute("aria-label", label(scale, score));
    if (scale === "smiley4") button.innerHTML = face(score);
    else if (scale === "thumbs2") button.innerHTML = thumb(score === 1);
    else { button.textContent = String(score); button.classList.add("number"); }
    button.addEventListener("click", () => onPick(score, button));
    return button;
  });
}

/** The words under the ends of a numbered scale ("Not at all likely" … "Extremely likely"). */
export function scaleEnds(scale) {
  if (scale !== "nps11" && scale !== "csat5") return null;
  const ends = document.createElement("div");
  ends.className = "ends";
  const low = document.createElement("span"), high = document.createElement("span");
  low.textContent = t(scale === "nps11" ? "rate.npsLow" : "rate.csatLow");
  high.textContent = t(scale === "nps11" ? "rate.npsHigh" : "rate.csatHigh");
  ends.append(low, high);
  return ends;
}

// Names of languages in their own language, so anyone can find theirs.
export const ownNames = { en: "English", ru: "Русский", uk: "Українська" };
