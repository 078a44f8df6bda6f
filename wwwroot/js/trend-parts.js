// Pieces of the trends page: scope choices with names, readable reason codes, the interval
// band and a white background so a downloaded PNG pastes cleanly into a slide.
import { api } from "./api.js";
import { t } from "./i18n.js";

const siteNames = new Map();

/** Fills the scope list with every site by name; a scope from a shared link stays choosable. */
export async function scopeChoices(select, wanted) {
  try {
    for (const s of await api("/api/v1/sites")) {
      siteNames.set(s.id, s.name);
      select.append(new Option(s.name, "site:" + s.id));
    }
  } catch { /* "all" still works */ }
  if (wanted && ![...select.options].some(o => o.value === wanted)) select.append(new Option(wanted, wanted));
}

/** "wait-time" → "wait time"; a site id → its name. */
export const readableKey = (key, kind) => (kind === "site" ? siteNames.get(key) ?? key : String(key ?? "").replace(/[-_]+/g, " "));

/** The 95 % interval as a shaded band between low and high (the second fills to the first). */
export const bandDatasets = points => [
  { label: "band-low", data: points.map(p => p.low ?? null), borderWidth: 0, pointRadius: 0, spanGaps: true, fill: false },
  { label: "band-high", data: points.map(p => p.high ?? null), borderWidth: 0, pointRadius: 0, spanGaps: true, fill: "-1", backgroundColor: "rgba(31, 95, 191, 0.15)" },
];

/** The chart as a PNG on white: the page may be dark, a slide is not, and transparency pastes as black. */
export function pngOnWhite(canvas) {
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, copy.width, copy.height);
  ctx.drawImage(canvas, 0, 0);
  return copy.toDataURL("image/png");
}
