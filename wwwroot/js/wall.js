// The wall display: tiles of a board, live. Built to run for days on a TV nobody touches:
// every update replaces text in place (no growing lists), and live.js keeps reconnecting.
import { api } from "./api.js";
import { t, number, time, clock, translate } from "./i18n.js";
import { connect } from "./live.js";
import { drawSparkline } from "./sparkline.js";
import { maskProfanity } from "./profanity.js";

translate();
const board = decodeURIComponent(location.pathname.split("/")[2] || "main");
const config = await api(`/api/v1/walls/${encodeURIComponent(board)}`);
document.getElementById("title").textContent = config.title || board;
const tilesEl = document.getElementById("tiles");
const cols = Math.max(1, Math.ceil(Math.sqrt(config.tiles.length * 16 / 9)));
const rows = Math.max(1, Math.ceil(config.tiles.length / cols));
tilesEl.style.setProperty("--cols", String(cols));
// Type scales with the tile, not the screen: 3 tiles on a TV get big numbers, 24 get smaller ones.
const fit = () => {
  const px = Math.min(innerWidth / cols / 16, innerHeight * 0.8 / rows / 9);
  document.body.style.setProperty("font-size", `${Math.max(12, Math.min(px, 64))}px`);
};
fit();
addEventListener("resize", fit);

// Scope -> its tiles: one site may have a CSAT tile and an NPS tile.
const tiles = new Map();
for (const tile of config.tiles) {
  const el = document.createElement("article");
  el.className = "tile";
  el.dataset.scope = tile.scope;
  el.innerHTML = `<h2></h2><div><div class="value" data-role="value">–</div><canvas aria-hidden="true"></canvas></div>
    <div class="meta"><span data-role="interval"></span><span data-role="n"></span><span data-role="change" class="change"></span><span data-role="live"></span></div>`;
  el.querySelector("h2").textContent = tile.label || tile.scope;
  tilesEl.append(el);
  tiles.set(tile.scope, [...(tiles.get(tile.scope) ?? []), { tile, el, live: 0, todayN: null }]);
}

// Each metric has its own n, interval, change, star and colour bounds: an NPS tile never shows
// CSAT's. Colour only where the change is starred (significant after the FDR correction and at
// least the minimum effect); the volume is labelled as volume, never as a figure's n.
const figures = {
  csat: s => ({ value: s.csat, n: s.csatN, low: s.csatLow, high: s.csatHigh, change: s.csatChange, starred: s.significantChange, baseN: s.baselineCsatN, unit: " %", changeUnit: " pp" }),
  nps: s => ({ value: s.nps, n: s.npsN, low: s.npsLow, high: s.npsHigh, change: s.npsChange, starred: s.npsStarred, baseN: s.baselineNpsN, unit: "", changeUnit: "" }),
  norm: s => ({ value: s.meanNorm, n: s.n, low: null, high: null, change: null, starred: false, baseN: 0, unit: "", changeUnit: "" }),
};
const defaultBounds = { csat: { good: 80, warn: 60 }, nps: { good: 30, warn: 0 }, norm: { good: 75, warn: 60 } };

function render(entry, snapshot) {
  const { tile, el } = entry;
  const f = (figures[tile.metric] ?? figures.csat)(snapshot);
  const bounds = config.thresholds?.[tile.metric] ?? defaultBounds[tile.metric] ?? defaultBounds.csat;
  const valueEl = el.querySelector('[data-role="value"]');
  if (f.value == null) {
    // NoData: the window emptied (a closed site); Stale: older than its window. Neither is live.
    valueEl.textContent = snapshot.state === "NoData" || snapshot.state === "Stale" ? t("noData") : t("notEnough");
    valueEl.className = "value";
  } else {
    valueEl.textContent = `${number(f.value)}${f.unit}`;
    valueEl.className = "value " + (f.value >= bounds.good ? "good" : f.value >= bounds.warn ? "warn" : "bad");
  }
  el.querySelector('[data-role="interval"]').textContent = f.value != null && f.low != null ? `${number(f.low)}–${number(f.high)}${f.unit}` : "";
  el.querySelector('[data-role="n"]').textContent = f.value == null ? "" : `${t("n")} = ${number(f.n)}`;
  const change = el.querySelector('[data-role="change"]');
  change.textContent = f.change == null ? "" :
    `${f.change > 0 ? "+" : ""}${number(f.change, 1)}${f.changeUnit} ${t("vsUsual")} (${t("n")} = ${number(f.baseN)})${f.starred ? " *" : ""}`;
  change.className = "change " + (!f.starred ? "" : f.change < 0 ? "down" : f.change > 0 ? "up" : "");
  if (tile.window === "today" || snapshot.window === "today") { entry.todayN = snapshot.n; entry.live = 0; }
  renderLive(entry);
}

function renderLive(entry) {
  const count = (entry.todayN ?? 0) + entry.live;
  entry.el.querySelector('[data-role="live"]').textContent = `${number(count)} ${t("ratingsToday")}`;
}

async function sparklines() {
  const to = new Date();
  const from = new Date(to - 24 * 3600_000);
  for (const entry of [...tiles.values()].flat()) {
    try {
      const series = await api(`/api/v1/series?metric=${entry.tile.metric}&scope=${encodeURIComponent(entry.tile.scope)}&from=${from.toISOString()}&to=${to.toISOString()}&step=1h`);
      drawSparkline(entry.el.querySelector("canvas"), series.points.map(p => p.value));
    } catch { /* a sparkline is decoration: the next refresh tries again */ }
  }
}

// The ticker keeps the newest ten items only.
const ticker = document.getElementById("ticker");
function tick(text, negative) {
  if (!text) return;
  const item = document.createElement("span");
  item.className = "item" + (negative ? " negative" : "");
  item.textContent = config.maskProfanity ? maskProfanity(text) : text;
  ticker.prepend(item);
  while (ticker.children.length > 10) ticker.lastElementChild.remove();
}

// A critical alert for this board takes the whole screen until it is acknowledged.
const overlay = document.getElementById("overlay");
const onBoard = alert => alert.severity === "critical" && (tiles.has("all") || tiles.has(alert.scope) || (alert.site && tiles.has("site:" + alert.site)));
let shown = null;
let hideTimer = null;
function showAlert(alert) {
  if (!onBoard(alert)) return;
  if (alert.state === "resolved") { if (shown === alert.id) hide(); return; }
  shown = alert.id;
  clearTimeout(hideTimer);
  document.getElementById("overlay-summary").textContent = alert.summary;
  document.getElementById("overlay-time").textContent = time(alert.firedAt ?? alert.since);
  const ack = document.getElementById("overlay-ack");
  if (alert.state === "acknowledged") {
    ack.textContent = `${t("acknowledgedBy")} ${alert.acknowledgedBy ?? ""}`;
    ack.classList.remove("hidden");
    hideTimer = setTimeout(hide, 60_000);
  } else {
    ack.classList.add("hidden");
  }
  overlay.classList.remove("hidden");
}
function hide() { overlay.classList.add("hidden"); shown = null; }

const status = document.getElementById("status");
connect({
  scopes: [...tiles.keys()],
  alerts: true,
  on: {
    snapshots: update => {
      for (const s of update.snapshots) {
        for (const entry of tiles.get(s.scope) ?? []) {
          if (s.window === entry.tile.window) render(entry, s);
          else if (s.window === "today") { entry.todayN = s.n; entry.live = 0; renderLive(entry); }
        }
      }
    },
    ratings: activity => {
      for (const entry of tiles.get(activity.scope) ?? []) { entry.live += activity.count; renderLive(entry); }
      if (activity.scope === [...tiles.keys()][0]) for (const r of [...activity.latest].reverse()) tick(r.comment, r.satisfaction === "dissatisfied");
    },
    reviews: activity => {
      if (activity.scope === [...tiles.keys()][0]) for (const r of [...activity.latest].reverse()) tick(`★${r.stars ?? "?"} ${r.title ?? ""} ${r.text ?? ""}`.trim(), true);
    },
    openAlerts: list => list.forEach(showAlert),
    alert: update => showAlert(update.alert),
  },
  onState: state => {
    status.classList.toggle("hidden", state === "live");
    status.textContent = state === "stale" ? t("stale") : t("reconnecting");
    status.dataset.state = state;
  },
});

// Slides and the time-of-day schedule move the screen to another board; the new page subscribes afresh.
if (config.next) setTimeout(() => { location.href = "/wall/" + encodeURIComponent(config.next); }, Math.max(5, config.seconds) * 1000);
function followSchedule() {
  const now = new Date();
  const hhmm = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
  const entry = (config.schedule ?? []).find(s => s.from <= hhmm && hhmm < s.to);
  if (entry && entry.board !== board) location.href = "/wall/" + encodeURIComponent(entry.board);
}
followSchedule();
setInterval(followSchedule, 60_000);

const clockEl = document.getElementById("clock");
const refreshClock = () => { clockEl.textContent = clock(); };
refreshClock();
setInterval(refreshClock, 10_000);
sparklines();
setInterval(sparklines, 5 * 60_000);
