// The executives' view. Its whole state is in the URL, so a view can be shared by its link.
import { api } from "./api.js";
import { nav } from "./nav.js";
import { t, number, time } from "./i18n.js";

await nav("trends");
const form = document.getElementById("view");
const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
const params = new URLSearchParams(location.search);
for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
let chart = null;

function state() {
  return new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
}

async function refresh() {
  const s = state();
  history.replaceState(null, "", "?" + s);
  const q = new URLSearchParams(s);
  q.set("tz", tz);
  const trend = await api("/api/v1/trends?" + q);
  const labels = trend.points.map(p => p.start);
  chart?.destroy();
  chart = new Chart(document.getElementById("chart"), {
    type: "line",
    data: {
      labels,
      datasets: [
        { label: `${trend.metric} ${trend.from} – ${trend.to}`, data: trend.points.map(p => p.value), spanGaps: true },
        { label: `${trend.previousFrom} – ${trend.previousTo}`, data: trend.points.map(p => p.previousValue), borderDash: [6, 4], spanGaps: true },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      onClick: (_, elements) => { if (elements.length) drill(trend.points[elements[0].index]); },
    },
  });
  document.getElementById("csv").href = "/api/v1/trends?" + q + "&format=csv";
  const league = await api("/api/v1/trends/league?" + q);
  document.getElementById("league-csv").href = "/api/v1/trends/league?" + q + "&format=csv";
  // Each figure with its own n; the first number is the volume. A change shows its baseline's n,
  // and a star only where it survived the FDR correction across these rows and is large enough.
  const change = (value, starred, baseN) => value == null ? "" : `${value > 0 ? "+" : ""}${number(value, 1)}${starred ? " *" : ""} (${number(baseN)})`;
  document.getElementById("league").replaceChildren(...league.rows.map(r => row([r.name, number(r.n),
    r.csat == null ? t("notEnough") : `${number(r.csat, 1)} % (${number(r.csatN)})`, r.csatLow == null ? "" : `${number(r.csatLow)}–${number(r.csatHigh)}`,
    change(r.csatChange, r.significant, r.baselineCsatN),
    r.nps == null ? "" : `${number(r.nps)} (${number(r.npsN)})`, r.npsLow == null ? "" : `${number(r.npsLow)}–${number(r.npsHigh)}`,
    change(r.npsChange, r.npsStarred, r.baselineNpsN)])));
  const drivers = await api("/api/v1/trends/drivers?" + q);
  document.getElementById("reasons").replaceChildren(...drivers.reasons.map(d => item(`${d.key} (${d.count})`)));
  document.getElementById("topics").replaceChildren(...drivers.topics.map(d => item(`${d.key} (${d.count})`)));
  document.getElementById("words").replaceChildren(...drivers.words.map(d => item(`${d.key} (${d.count})`)));
}

async function drill(point) {
  const q = state();
  q.set("tz", tz);
  q.set("from", point.start);
  // The point's end is exclusive; the API's `to` is the last day included.
  q.set("to", new Date(Date.parse(point.end) - 86400_000).toISOString().slice(0, 10));
  const ratings = await api("/api/v1/trends/ratings?" + q);
  document.getElementById("ratings").replaceChildren(...ratings.map(r => row([time(r.time), r.site, r.scale, String(r.score), r.comment ?? ""])));
}

const row = cells => { const tr = document.createElement("tr"); for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.append(td); } return tr; };
const item = text => { const li = document.createElement("li"); li.textContent = text; return li; };

document.getElementById("png").addEventListener("click", () => {
  const a = document.createElement("a");
  a.href = chart.toBase64Image();
  a.download = "cxmonitor-trend.png";
  a.click();
});
form.addEventListener("change", () => refresh().catch(e => alert(e.message)));
await refresh();
