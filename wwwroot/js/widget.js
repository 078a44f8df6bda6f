// The survey widget for web shops and apps. Embed with
//   <script src="https://cx.example.com/js/widget.js" data-survey="CODE" data-lang="uk" async></script>
// It puts the survey page (/s/CODE) in a small frame in the corner: the page, its strings in
// three languages, its token and its answer stay on CxMonitor's origin, and the shop's page
// gets no script of ours beyond this file. The shop's own CSP must allow this origin in
// script-src and frame-src, and CxMonitor must list the shop under Capture:WidgetOrigins.
(() => {
  const script = document.currentScript;
  if (!script || !script.dataset.survey) return;
  const origin = new URL(script.src).origin;
  const url = new URL(`/s/${encodeURIComponent(script.dataset.survey)}`, origin);
  url.searchParams.set("embed", "1");
  if (script.dataset.lang) url.searchParams.set("lang", script.dataset.lang);
  const frame = document.createElement("iframe");
  frame.src = url.href;
  frame.id = "cx-survey-widget";
  const closed = "position:fixed;right:16px;bottom:16px;width:200px;height:72px;border:0;z-index:2147483000;background:transparent;color-scheme:normal;";
  const open = "position:fixed;right:16px;bottom:16px;width:min(420px,calc(100vw - 32px));height:min(680px,calc(100vh - 32px));border:0;z-index:2147483000;"
    + "border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:transparent;color-scheme:normal;";
  frame.setAttribute("style", closed);
  window.addEventListener("message", event => {
    if (event.origin !== origin || event.source !== frame.contentWindow || event.data?.type !== "cx-widget") return;
    if (event.data.title) frame.title = event.data.title;
    frame.setAttribute("style", event.data.state === "open" ? open : closed);
  });
  (document.body ?? document.documentElement).append(frame);
})();
