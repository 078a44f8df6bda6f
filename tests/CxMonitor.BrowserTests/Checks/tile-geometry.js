// Runs in the page: for every tile, its visible parts must not overlap one another, must stay
// inside the tile, and no text may be cut off vertically or spill out of its box (horizontal
// cutting is allowed only where the box ends in an ellipsis). Tiles must not overlap either and
// must lie inside the viewport.
() => {
  const problems = [];
  const r = el => el.getBoundingClientRect();
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const tiles = [...document.querySelectorAll("article.tile")];
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  tiles.forEach((tile, i) => {
    const box = r(tile);
    const name = tile.querySelector("h2").textContent.slice(0, 24);
    if (!inside(box, view)) problems.push(`tile ${i} (${name}) leaves the screen`);
    for (let j = i + 1; j < tiles.length; j++) if (overlap(box, r(tiles[j]))) problems.push(`tiles ${i} and ${j} overlap`);
    const parts = [tile.querySelector("h2"), tile.querySelector("[data-role=value]"), tile.querySelector("canvas"),
      ...tile.querySelectorAll(".meta span")].filter(el => el.getClientRects().length && (el.tagName === "CANVAS" || el.textContent.trim()));
    for (const el of parts) {
      const label = `${name}: ${el.dataset.role ?? el.tagName.toLowerCase()} "${el.textContent.slice(0, 30)}"`;
      if (!inside(r(el), box)) problems.push(`${label} leaves its tile`);
      if (el.tagName === "CANVAS") continue;
      if (r(el).height < 6) problems.push(`${label} is squashed to ${r(el).height.toFixed(1)} px`);
      const style = getComputedStyle(el);
      if (style.webkitLineClamp === "none" && el.scrollHeight > el.clientHeight + 2) problems.push(`${label} is cut off at the bottom (${el.scrollHeight} > ${el.clientHeight})`);
      if (el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== "ellipsis" && style.webkitLineClamp === "none") problems.push(`${label} spills out sideways`);
    }
    for (let a = 0; a < parts.length; a++)
      for (let b = a + 1; b < parts.length; b++)
        if (overlap(r(parts[a]), r(parts[b]))) problems.push(`${name}: ${parts[a].dataset.role ?? parts[a].tagName} overlaps ${parts[b].dataset.role ?? parts[b].tagName}`);
  });
  return { tiles: tiles.length, problems };
}
