// Small pieces of the admin page: table rows, shortened names, opening hours as people write
// them, and form validation messages from the catalogue.
import { t, locale } from "./i18n.js";

/** A table row of text cells: never HTML, so a name cannot inject markup. */
export function cells(values) {
  const tr = document.createElement("tr");
  for (const v of values) { const td = document.createElement("td"); td.textContent = v ?? "–"; tr.append(td); }
  return tr;
}

/** A configured name can be anything (a 1 MB board name once made the page 10 million px wide). */
export const short = (text, max = 60) => {
  const s = String(text ?? "");
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
};

const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
// 2024-01-01 was a Monday: the locale's short weekday names, in order.
const dayName = i => new Intl.DateTimeFormat(locale(), { weekday: "short" }).format(new Date(Date.UTC(2024, 0, 1 + i, 12)));

/** {"Mon":"08:00-20:00","Sun":"closed"} → "Mon 08:00–20:00 · Sun closed", in the reader's language. */
export function openingHoursText(hours) {
  if (!hours) return "–";
  const say = d => { const text = String(hours[d] ?? ""); return /^closed$/i.test(text) || text === "" ? t("closed") : text.replaceAll("-", "–"); };
  // Days in a row with the same hours read as one range: "Tue–Sun closed".
  const runs = [];
  days.forEach((d, i) => {
    const last = runs.at(-1);
    if (last && last.text === say(d)) last.to = i; else runs.push({ from: i, to: i, text: say(d) });
  });
  return runs.map(r => `${dayName(r.from)}${r.to > r.from ? "–" + dayName(r.to) : ""} ${r.text}`).join(" · ");
}

/** "Mon 09:00-18:00, Sun closed" → the API's weekday object, or null when it does not read. */
export function parseOpeningHours(text) {
  const week = {};
  for (const part of String(text).split(/[,;\n]/).map(p => p.trim()).filter(Boolean)) {
    const m = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(closed|\d{2}:\d{2}-\d{2}:\d{2}(?:\s*\+\s*\d{2}:\d{2}-\d{2}:\d{2})*)$/i.exec(part);
    if (!m) return null;
    week[m[1][0].toUpperCase() + m[1].slice(1, 3).toLowerCase()] = m[2].toLowerCase() === "closed" ? "closed" : m[2].replace(/\s+/g, "");
  }
  return Object.keys(week).length ? week : null;
}

/** The first field that breaks its rule, as a sentence naming the field. */
export function validate(form) {
  for (const el of form.elements) {
    if (!el.name || el.validity.valid) continue;
    const field = el.getAttribute("aria-label") || el.name;
    if (el.validity.valueMissing) return t("required", { field });
    if (el.validity.tooLong) return t("tooLong", { field, max: el.maxLength });
    return `${field}: ${el.validationMessage}`;
  }
  return null;
}

export function fieldError(form, message) {
  const el = form.querySelector(".field-error");
  if (el) el.textContent = message ?? "";
}
