// The executives' view. Its whole state is in the URL, so a view can be shared by its link.
// Every control change starts a new request and cancels the one before: a late answer to an
// older view can never draw over a newer one.
import { api } from "./api.js";
import { nav } from "./nav.js";
import { t, number, signed, time, date, axisDate } from "./i18n.js";
import { scopeChoices, readableKey, bandDatasets, pngOnWhite } from "./trend-parts.js";

await nav("trends");
const form = document.getElementById("view");
const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
const params = new URLSearchParams(location.search);
await scopeChoices(form.elements.scope, params.get("scope"));
for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
let chart = null;
let current = null;

function state() {
  return new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
}

async function refresh() {
  current?.abort();
  const request = current = new AbortController();
  const signal = request.signal;
  const s = state();
  history.replaceState(null, "", "?" + s);
  const q = new URLSearchParams(s);
  q.set("tz", tz);
  const [trend, league, drivers] = await Promise.all([
    api("/api/v1/trends?" + q, { signal }), api("/api/v1/trends/league?" + q, { signal }), api("/api/v1/trends/drivers?" + q, { signal })]);
  if (signal.aborted) return;
  // The period the server chose is the period shown: From/To never stay empty.
  form.elements.from.value = trend.from;
  form.elements.to.value = trend.to;
  draw(trend);
  document.getElementById("csv").href = "/api/v1/trends?" + q + "&format=csv";
  document.getElementById("league-csv").href = "/api/v1/trends/league?" + q + "&format=csv";
  // Each figure with its own n; the first number is the volume. A change shows its baseline's n,
  // and a star only where it survived the FDR correction across these rows and is large enough.
  const interval = (low, high) => low == null ? "" : Math.round(low) === Math.round(high) ? `${number(low, 1)}–${number(high, 1)}` : `${number(low)}–${number(high)}`;
  const change = (value, starred, baseN) => value == null ? "" : `${signed(value, 1)}${starred ? " *" : ""} (${number(baseN)})`;
  document.getElementById("league").replaceChildren(...league.rows.map(r => row([r.name, number(r.n),
    r.csat == null ? t("notEnough") : `${number(r.csat, 1)} % (${number(r.csatN)})`, interval(r.csatLow, r.csatHigh),
    change(r.csatChange, r.significant, r.baselineCsatN),
    r.nps == null ? "" : `${number(r.nps)} (${number(r.npsN)})`, interval(r.npsLow, r.npsHigh),
    change(r.npsChange, r.npsStarred, r.baselineNpsN)])));
  document.getElementById("reasons").replaceChildren(...drivers.reasons.map(d => item(`${readableKey(d.key)} (${number(d.count)})`)));
  document.getElementById("topics").replaceChildren(...drivers.topics.map(d => item(`${readableKey(d.key)} (${number(d.count)})`)));
  document.getElementById("words").replaceChildren(...drivers.words.map(d => item(`${d.key} (${number(d.count)})`)));
}

const percent = ["csat", "norm"];

function draw(trend) {
  const labels = trend.points.map(p => axisDate(p.start, trend.bucket));
  chart?.destroy();
  chart = new Chart(document.getElementById("chart"), {
    type: "line",
    data: {
      labels,
      datasets: [
        ...bandDatasets(trend.points),
        { label: `${t("metric." + trend.metric)} ${date(trend.from)} – ${date(trend.to)}`, data: trend.points.map(p => p.value), spanGaps: true, borderColor: "#1f5fbf", backgroundColor: "#1f5fbf" },
        { label: `${t("previousPeriod")} ${date(trend.previousFrom)} – ${date(trend.previousTo)}`, data: trend.points.map(p => p.previousValue), borderDash: [6, 4], spanGaps: true, borderColor: "#6b7685", backgroundColor: "#6b7685", pointRadius: 2 },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: { legend: { labels: { filter: item => !item.text.startsWith("band") } } },
      // A share keeps its 0–100 frame: an empty period is not an axis from 0 to 1, a 1-point wobble no cliff.
      scales: { y: percent.includes(trend.metric) ? { suggestedMin: 0, suggestedMax: 100 } : {} },
      onClick: (_, elements) => { if (elements.length) drill(trend.points[elements[0].index]); },
    },
  });
  document.getElementById("chart").dataset.points = String(trend.points.length);
}

async function drill(point) {
  const q = state();
  q.set("tz", tz);
  q.set("from", point.start);
  // The point's end is exclusive; the API's `to` is the last day included.
  q.set("to", new Date(Date.parse(point.end) - 86400_000).toISOString().slice(0, 10));
  const ratings = await api("/api/v1/trends/ratings?" + q);
  document.getElementById("ratings").replaceChildren(...ratings.map(r => row([time(r.time), readableKey(r.site, "site"), t("scale." + r.scale), String(r.score), r.comment ?? ""])));
}

const row = cells => { const tr = document.createElement("tr"); for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.append(td); } return tr; };
const item = text => { const li = document.createElement("li"); li.textContent = text; return li; };

document.getElementById("png").addEventListener("click", () => {
  const a = document.createElement("a");
  a.href = pngOnWhite(chart.canvas);
  a.download = "cxmonitor-trend.png";
  a.click();
});
const show = error => { if (error.name !== "AbortError") document.getElementById("trend-error").textContent = error.message; };
form.addEventListener("change", () => { document.getElementById("trend-error").textContent = ""; refresh().catch(show); });
await refresh().catch(show);
