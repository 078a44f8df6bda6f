// The live channel: connects, subscribes, keeps reconnecting for as long as it takes (a wall
// runs for days), re-subscribes after every reconnect (the server then sends the current state
// first), shows when data is stale, and reloads the page when the server's build changes.
const STALE_AFTER_MS = 30_000;

export function connect({ scopes, alerts = false, on = {}, onState = () => {} }) {
  let build = null;
  let lastMessage = Date.now();
  let state = "connecting";
  const setState = s => { if (s !== state) { state = s; onState(s); } };
  const connection = new signalR.HubConnectionBuilder()
    // WebSockets straight away, without the negotiate request: a negotiate answered by one node
    // and a socket opened on another would fail behind a load balancer without sticky sessions.
    .withUrl("/hubs/live", { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(1000 * 2 ** c.previousRetryCount, 10_000) })
    .configureLogging(signalR.LogLevel.None)
    .build();
  // A pulled cable closes nothing: without pings the client would wait 30 s to notice. The
  // server pings every 3 s (LiveSetup), so 8 s of silence means the connection is gone.
  connection.serverTimeoutInMilliseconds = 8000;
  connection.keepAliveIntervalInMilliseconds = 3000;
  addEventListener("offline", () => setState("offline"));
  // Back online: a connection that survived is live again; one that did not is being re-made.
  addEventListener("online", () => {
    if (state === "offline") setState(connection.state === signalR.HubConnectionState.Connected ? "live" : "reconnecting");
  });
  const seen = handler => payload => { lastMessage = Date.now(); if (state === "stale") setState("live"); handler?.(payload); };
  connection.on("Snapshots", seen(on.snapshots));
  connection.on("Ratings", seen(on.ratings));
  connection.on("Reviews", seen(on.reviews));
  connection.on("Alert", seen(on.alert));
  connection.on("Heartbeat", seen(on.heartbeat));

  async function subscribe() {
    const welcome = await connection.invoke("Subscribe", scopes);
    if (build && welcome.build !== build) { location.reload(); return; }
    build = welcome.build;
    if (alerts) on.openAlerts?.(await connection.invoke("SubscribeAlerts"));
    lastMessage = Date.now();
    setState("live");
  }

  async function start() {
    for (;;) {
      try {
        await connection.start();
        await subscribe();
        return;
      } catch (error) {
        console.warn("live channel:", String(error));
        setState("reconnecting");
        await new Promise(r => setTimeout(r, 2000));
      }
    }
  }

  connection.onreconnecting(() => setState("reconnecting"));
  connection.onreconnected(() => subscribe().catch(() => setState("reconnecting")));
  // Automatic reconnection gives up after its last delay: start over, forever.
  connection.onclose(() => { setState("reconnecting"); start(); });
  setInterval(() => { if (state === "live" && Date.now() - lastMessage > STALE_AFTER_MS) setState("stale"); }, 1000);
  start();
  return connection;
}
