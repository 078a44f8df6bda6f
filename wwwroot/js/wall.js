// The wall display: tiles of a board, live. Built to run for days on a TV nobody touches:
// every update replaces text in place (no growing lists), and live.js keeps reconnecting.
import { api } from "./api.js";
import { t, number, signed, clock, translate, useBoardLanguage } from "./i18n.js";
import { connect } from "./live.js";
import { drawSparkline } from "./sparkline.js";
import { maskProfanity } from "./profanity.js";
import { criticalOverlay } from "./wall-overlay.js";

const board = decodeURIComponent(location.pathname.split("/")[2] || "main");
const config = await loadBoard();
useBoardLanguage(config.language);
translate();
document.getElementById("title").textContent = config.title || board;
const tilesEl = document.getElementById("tiles");
// As many columns as rows on a 16:9 screen gives 16:9 tiles (9 tiles: 3 × 3, 40: 7 × 6); the type
// inside scales with each tile (container units in app.css).
const cols = Math.max(1, Math.ceil(Math.sqrt(config.tiles.length)));
tilesEl.style.setProperty("--cols", String(cols));
tilesEl.style.setProperty("--rows", String(Math.max(1, Math.ceil(config.tiles.length / cols))));

/** The board, or a clear message instead of a blank page when there is no such board. */
async function loadBoard() {
  try {
    return await api(`/api/v1/walls/${encodeURIComponent(board)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    translate();
    const box = document.getElementById("unknown-board");
    box.querySelector("h2").textContent = t("unknownBoard", { name: board });
    box.querySelector("p").textContent = t("unknownBoardHint");
    box.classList.remove("hidden");
    document.getElementById("tiles").classList.add("hidden");
    return new Promise(() => {});
  }
}

// Scope -> its tiles: one site may have a CSAT tile and an NPS tile.
const tiles = new Map();
for (const tile of config.tiles) {
  const el = document.createElement("article");
  el.className = "tile";
  el.dataset.scope = tile.scope;
  el.innerHTML = `<h2></h2><div class="figure"><div class="value" data-role="value">–</div></div><canvas aria-hidden="true"></canvas>
    <div class="meta"><span data-role="interval"></span><span data-role="n"></span><span data-role="change" class="change"></span><span data-role="live"></span></div>`;
  // Until a snapshot says otherwise there is nothing to show (a scope without ratings gets none).
  el.dataset.state = "nodata";
  el.querySelector('[data-role="value"]').textContent = t("noData");
  el.querySelector('[data-role="value"]').className = "value words";
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
    // No rating at all, a window that emptied (NoData) or a figure older than its window (Stale)
    // are "no data"; a few ratings are "not enough data". Neither is shown as live.
    const none = !snapshot.n || snapshot.state === "NoData" || snapshot.state === "Stale";
    el.dataset.state = none ? "nodata" : "notenough";
    valueEl.textContent = t(none ? "noData" : "notEnough");
    valueEl.className = "value words";
  } else {
    el.dataset.state = "value";
    valueEl.textContent = `${number(f.value)}${f.unit}`;
    valueEl.className = "value " + (f.value >= bounds.good ? "good" : f.value >= bounds.warn ? "warn" : "bad");
  }
  el.querySelector('[data-role="interval"]').textContent = f.value != null && f.low != null ? `${number(f.low)}–${number(f.high)}${f.unit}` : "";
  el.querySelector('[data-role="n"]').textContent = f.value == null ? "" : `${t("n")} = ${number(f.n)}`;
  const change = el.querySelector('[data-role="change"]');
  change.textContent = f.change == null ? "" :
    `${signed(f.change, 1)}${f.changeUnit} ${t("vsUsual")} (${t("n")} = ${number(f.baseN)})${f.starred ? " *" : ""}`;
  change.className = "change " + (!f.starred ? "" : f.change < 0 ? "down" : f.change > 0 ? "up" : "");
  if (tile.window === "today" || snapshot.window === "today") { entry.todayN = snapshot.n; entry.live = 0; }
  renderLive(entry);
}

function renderLive(entry) {
  const count = (entry.todayN ?? 0) + entry.live;
  entry.el.querySelector('[data-role="live"]').textContent = t("ratingsToday", { n: count });
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
const ticker = document.getElementById("ticker-track");
function tick(text, negative) {
  if (!text) return;
  const item = document.createElement("span");
  item.className = "item" + (negative ? " negative" : "");
  item.textContent = config.maskProfanity ? maskProfanity(text) : text;
  ticker.prepend(item);
  while (ticker.children.length > 10) ticker.lastElementChild.remove();
  // Scroll only what does not fit, at a reading pace (about 80 px a second), whole words moving by.
  const overflow = ticker.scrollWidth - ticker.parentElement.clientWidth;
  ticker.classList.toggle("scrolling", overflow > 0);
  ticker.style.setProperty("--ticker-seconds", `${Math.max(10, ticker.scrollWidth / 80)}s`);
}

// A critical alert for this board takes the whole screen until it is acknowledged.
const onBoard = alert => tiles.has("all") || tiles.has(alert.scope) || (alert.site && tiles.has("site:" + alert.site));
const siteNames = new Map(config.tiles.filter(x => x.scope.startsWith("site:")).map(x => [x.scope.slice(5), x.label]));
// A tile whose site or scope has an unresolved critical moment stays marked after it was
// acknowledged, so the room still sees where the trouble is.
const markCriticals = alerts => {
  for (const [scope, entries] of tiles)
    for (const { el } of entries)
      el.dataset.alert = alerts.some(a => scope === "all" || a.scope === scope || (a.site && scope === "site:" + a.site)) ? "critical" : "";
};
const overlay = criticalOverlay({ onBoard, siteName: a => siteNames.get(a.site) ?? a.siteName ?? a.site ?? "", onOpen: markCriticals });

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
    openAlerts: list => overlay.replace(list),
    alert: update => overlay.update(update.alert),
  },
  onState: state => {
    status.classList.toggle("hidden", state === "live");
    status.textContent = t(state === "stale" ? "stale" : state === "offline" ? "offline" : "reconnecting");
    status.dataset.state = state;
    // Figures that are not current are dimmed, so nobody reads yesterday's number as today's.
    document.body.dataset.live = state;
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
