// Runs in the page: every visible button is at least `min` px (answers: `answerMin`), inside
// the page, overlaps no other button, and its text fits inside it.
([min, answerMin]) => {
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const buttons = [...document.querySelectorAll("button, input[type=checkbox], textarea, input[type=text], select")].filter(visible);
  const r = el => el.getBoundingClientRect();
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const name = el => el.getAttribute("aria-label") || el.textContent.trim() || el.id || el.tagName;
  const problems = [];
  buttons.forEach((el, i) => {
    const box = r(el);
    const need = el.classList.contains("answer") ? answerMin : el.tagName === "BUTTON" ? min : 0;
    if (need && (box.width < need - 0.5 || box.height < need - 0.5)) problems.push(`${name(el)} is ${box.width.toFixed(0)}×${box.height.toFixed(0)} px, under ${need}`);
    // A page may scroll down (the survey), never sideways; a kiosk screen (body overflow hidden) never.
    const page = document.documentElement, bottom = getComputedStyle(document.body).overflow === "hidden" ? innerHeight : page.scrollHeight;
    if (box.left < -0.5 || box.top + scrollY < -0.5 || box.right > page.clientWidth + 0.5 || box.bottom + scrollY > bottom + 0.5) problems.push(`${name(el)} leaves the screen`);
    if (el.tagName === "BUTTON" && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`the text of ${name(el)} spills out of it`);
    for (let j = i + 1; j < buttons.length; j++) if (overlap(box, r(buttons[j]))) problems.push(`${name(el)} overlaps ${name(buttons[j])}`);
  });
  for (const h of [...document.querySelectorAll("h1, p, label, .place")].filter(visible))
    if (h.scrollWidth > h.clientWidth + 1 && getComputedStyle(h).textOverflow !== "ellipsis") problems.push(`the text "${h.textContent.trim().slice(0, 30)}" spills out sideways`);
  return { count: buttons.length, problems };
}
