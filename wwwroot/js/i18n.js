// Every string a person sees comes from the catalogues in lang/*.js, in the language chosen
// for this screen: the `lang` URL parameter (a wall screen's link), then a board's own
// language (wall.js calls useBoardLanguage), then the person's own choice (stored with the
// person on the server, mirrored into the cx_lang cookie so pages know it before they ask who
// is looking), then the browser's languages. Numbers and dates follow the
// chosen language too, so a Ukrainian page never shows "1:45 p.m.".
import en from "./lang/en.js";
import ru from "./lang/ru.js";
import uk from "./lang/uk.js";

export const catalogues = { en, ru, uk };
export const languages = Object.keys(catalogues);
// English keeps the browser's regional formats (en-GB vs en-US); the others use their country's.
const locales = { ru: "ru-RU", uk: "uk-UA" };

const known = code => (code && languages.includes(code.slice(0, 2).toLowerCase()) ? code.slice(0, 2).toLowerCase() : null);
const fromUrl = () => known(new URLSearchParams(location.search).get("lang"));
const person = () => known(document.cookie.split("; ").find(c => c.startsWith("cx_lang="))?.slice(8));
const fromBrowser = () => (navigator.languages ?? [navigator.language]).map(known).find(Boolean) ?? "en";

let board = null;
let lang = fromUrl() ?? person() ?? fromBrowser();
export const language = () => lang;
export const locale = () => locales[lang] ?? (navigator.language?.startsWith("en") ? navigator.language : "en-GB");

/** A wall board's language wins over the person's and the browser's, not over the URL's. */
export function useBoardLanguage(code) {
  board = known(code);
  if (!fromUrl() && board) lang = board;
}

/** The signed-in person's own language, as the server has it (it may have been chosen in
 *  another browser since this page read the cookie); null: the browser's. */
export function usePersonLanguage(code) {
  lang = fromUrl() ?? board ?? known(code) ?? fromBrowser();
}

/** An alert's summary and description in this screen's language (the server words every
 *  language, with site and touchpoint names); the English text for alerts from older versions. */
export const alertText = alert => alert.texts?.[lang] ?? alert.texts?.en ?? { summary: alert.summary, description: alert.description };

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (hole, name) => (vars[name] ?? hole));

/** A catalogue string with {holes} filled; a plural entry takes its form from vars.n. */
/** A touchpoint, channel or scale of the product's vocabulary by its catalogue name
 *  (named("touchpoint.", "checkout") → "каса"); an id the catalogue does not know shows as it is. */
export const named = (prefix, id) => (id && catalogues[lang]?.[prefix + id]) || id;

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
