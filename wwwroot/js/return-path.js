// Where the sign-in page may send a person afterwards: a path on this site only. The same rule
// as LocalReturnPath on the server: browsers read "\" as "/" and drop tabs and line breaks, so
// "/\evil.example/" and "/<tab>/evil.example/" would both lead to another site.
export function localReturnPath(text, origin) {
  if (typeof text !== "string" || !text.startsWith("/") || text.startsWith("//")) return "/";
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(text)) return "/";
  const url = new URL(text, origin);
  return url.origin === new URL(origin).origin ? url.pathname + url.search + url.hash : "/";
}
