// Runs in the page: every visible text, placeholder, label and option that is an English
// catalogue string (and not the same in the page's language, like "CSAT" or "n").
async () => {
  const { catalogues, language } = await import("/js/i18n.js");
  const lang = language();
  const flat = c => Object.entries(c).flatMap(([k, v]) => (typeof v === "object" ? Object.values(v).map(x => [k, x]) : [[k, v]]));
  const own = new Set(flat(catalogues[lang]).map(([, v]) => v));
  const patterns = flat(catalogues.en).filter(([, v]) => !own.has(v)).map(([k, v]) => {
    const escaped = v.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "(.+)");
    return [k, new RegExp("^" + escaped + "$")];
  });
  const texts = [];
  const visible = el => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (text && visible(n.parentElement) && n.parentElement.tagName !== "SCRIPT") texts.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], option"))
    if (el.tagName === "OPTION" ? visible(el.parentElement) : visible(el))
      for (const v of [el.getAttribute("placeholder"), el.getAttribute("aria-label"), el.getAttribute("title"), el.tagName === "OPTION" ? el.textContent : null])
        if (v && v.trim()) texts.push(v.trim());
  const english = [];
  for (const text of texts) for (const [key, re] of patterns) if (re.test(text)) english.push(`${key}: "${text}"`);
  return { lang, count: texts.length, english };
}
