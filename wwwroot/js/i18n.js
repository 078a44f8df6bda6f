// Every string a person sees comes from the catalogues in lang/*.js, in the language chosen
// for this screen: the `lang` URL parameter (a wall screen's link), then a board's own
// language (wall.js calls useBoardLanguage), then the person's choice stored in this browser
// (the picker in the top bar), then the browser's languages. Numbers and dates follow the
// chosen language too, so a Ukrainian page never shows "1:45 p.m.".
import en from "./lang/en.js";
import ru from "./lang/ru.js";
import uk from "./lang/uk.js";

export const catalogues = { en, ru, uk };
export const languages = Object.keys(catalogues);
const STORED = "cx.lang";
// English keeps the browser's regional formats (en-GB vs en-US); the others use their country's.
const locales = { ru: "ru-RU", uk: "uk-UA" };

const known = code => (code && languages.includes(code.slice(0, 2).toLowerCase()) ? code.slice(0, 2).toLowerCase() : null);
const fromUrl = () => known(new URLSearchParams(location.search).get("lang"));
const stored = () => { try { return known(localStorage.getItem(STORED)); } catch { return null; } };
const fromBrowser = () => (navigator.languages ?? [navigator.language]).map(known).find(Boolean) ?? "en";

let lang = fromUrl() ?? stored() ?? fromBrowser();
export const language = () => lang;
export const locale = () => locales[lang] ?? (navigator.language?.startsWith("en") ? navigator.language : "en-GB");

/** A wall board's language wins over the person's and the browser's, not over the URL's. */
export function useBoardLanguage(code) {
  if (!fromUrl() && known(code)) lang = known(code);
}

/** The person's choice, kept in this browser; null goes back to the browser's language. */
export function chooseLanguage(code) {
  try { if (known(code)) localStorage.setItem(STORED, known(code)); else localStorage.removeItem(STORED); } catch { /* private mode: this page only */ }
  lang = fromUrl() ?? known(code) ?? fromBrowser();
}

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (hole, name) => (vars[name] ?? hole));

/** A catalogue string with {holes} filled; a plural entry takes its form from vars.n. */
export function t(key, vars = {}) {
  let entry = catalogues[lang][key] ?? en[key];
  if (entry == null) { console.warn("i18n: no string for", key); return key; }
  if (typeof entry === "object") {
    const form = new Intl.PluralRules(locale()).select(vars.n ?? 0);
    entry = entry[form] ?? entry.other;
    vars = { ...vars, n: number(vars.n) };
  }
  return fill(entry, vars);
}

/** "–" for a missing figure; never "-0.0" (a rounded zero has no sign). */
export const number = (value, digits = 0) =>
  value == null ? "–" : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: "negative" }).format(value);
/** A change with its sign: "+1.2", "−0.4", and plain "0.0" when it rounds to nothing. */
export const signed = (value, digits = 1) =>
  value == null ? "" : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: "exceptZero" }).format(value);
export const time = value => new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short" }).format(new Date(value));
export const date = value => new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(new Date(value));
/** A chart axis label: "27 Oct" for days and weeks, "Oct 2026" for months. */
export const axisDate = (value, bucket) =>
  new Intl.DateTimeFormat(locale(), bucket === "month" ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" }).format(new Date(value));
export const clock = () => new Intl.DateTimeFormat(locale(), { timeStyle: "short" }).format(new Date());

/** "5 minutes ago", "вчера": the largest unit that fits. */
export function ago(value, now = Date.now()) {
  const seconds = (new Date(value).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  for (const [unit, size] of [["day", 86400], ["hour", 3600], ["minute", 60]])
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(Math.round(seconds), "second");
}

/** Fills data-i18n (text) and data-i18n-placeholder / -aria-label / -title (attributes). */
export function translate(root = document) {
  root.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  for (const attr of ["placeholder", "aria-label", "title"]) {
    const data = "i18n" + attr.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach(el => el.setAttribute(attr, t(el.dataset[data])));
  }
  document.documentElement.lang = lang;
}

/** A kiosk's language for the current customer only (the terminal's on-screen switch): not
 *  kept in this browser, and above the URL's, which stays the default the terminal returns to. */
export function useLanguage(code) {
  if (known(code)) lang = known(code);
}
