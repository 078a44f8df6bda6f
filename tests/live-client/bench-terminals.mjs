// Issue 18 benchmark: N paired terminals tap at a steady rate each (as a tablet posts one answer
// per tap) while a wall client listens to every site's scope; prints p50/p99 from the tap (the
// answer's own time) to the rating arriving on the wall.
// Usage: node bench-terminals.mjs --url URL --key KEY --pair PATH,PATH,... --sites A,B,... [--rate 2] [--seconds 30]
import * as signalR from "@microsoft/signalr";

const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => a.startsWith("--") ? [...p, [a.slice(2), all[i + 1]]] : p, []));
const url = args.url, key = args.key, pairs = args.pair.split(","), sites = args.sites.split(",");
const rate = Number(args.rate ?? 2), seconds = Number(args.seconds ?? 30);
const latencies = [];
let refused = 0, sent = 0;

const wall = new signalR.HubConnectionBuilder()
  .withUrl(new URL("/hubs/live", url).toString(), { headers: { "X-Api-Key": key }, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.Error).build();
wall.on("Snapshots", () => {});
wall.on("Heartbeat", () => {});
wall.on("Ratings", a => {
  const now = Date.now();
  if (a.scope === "all") return;
  for (const r of a.latest) if (r.touchpoint === "bench-till") latencies.push(now - Date.parse(r.time));
});
await wall.start();
await wall.invoke("Subscribe", sites.map(s => "site:" + s));

// Each terminal pairs once, as a tablet opening its link: the device token comes as a cookie.
const cookies = await Promise.all(pairs.map(async path => {
  const response = await fetch(new URL(path, url), { redirect: "manual" });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("cx_terminal=")) throw new Error(`pairing failed: ${response.status}`);
  return cookie;
}));
console.log(`${cookies.length} terminals paired; each taps ${rate} times a second for ${seconds} s`);

const started = Date.now();
await Promise.all(cookies.map(async (cookie, t) => {
  // Spread the terminals' taps over the interval, as real customers do.
  await new Promise(r => setTimeout(r, (t / cookies.length) * (1000 / rate)));
  for (let i = 0; Date.now() - started < seconds * 1000; i++) {
    const body = JSON.stringify([{ id: `b${started}-${t}-${i}`, time: new Date().toISOString(), score: 1 + (i % 4) }]);
    sent++;
    fetch(new URL("/api/v1/terminal/answers", url), { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json" }, body })
      .then(r => { if (r.status !== 202) refused++; });
    const next = started + (t / cookies.length) * (1000 / rate) + ((i + 1) * 1000) / rate;
    await new Promise(r => setTimeout(r, Math.max(0, next - Date.now())));
  }
}));
await new Promise(r => setTimeout(r, 2000));
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1)];
console.log(`sent ${sent} taps (${refused} not answered 202); ${latencies.length} arrived on the wall`);
console.log(`tap to wall: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)} ms (target p99 < 1000 ms)`);
await wall.stop();
process.exit(0);
