/** Draws a small line of the last day's values on a canvas; gaps where there is no figure. */
export function drawSparkline(canvas, values) {
  const rect = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, rect.width * ratio);
  canvas.height = Math.max(1, rect.height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const known = values.filter(v => v != null);
  if (known.length < 2) return;
  // At least 20 points of the 0-100 scale top to bottom: a 1-point wobble stays a wobble, not a cliff.
  const low = Math.min(...known), high = Math.max(...known), span = Math.max(high - low, 20);
  const min = Math.max(0, Math.min(low - (span - (high - low)) / 2, 100 - span));
  ctx.strokeStyle = getComputedStyle(canvas).color;
  ctx.lineWidth = 2 * ratio;
  ctx.beginPath();
  let drawing = false;
  values.forEach((v, i) => {
    if (v == null) { drawing = false; return; }
    const x = (i / (values.length - 1)) * canvas.width;
    const y = canvas.height - ((v - min) / span) * (canvas.height - 4 * ratio) - 2 * ratio;
    if (drawing) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    drawing = true;
  });
  ctx.stroke();
}
