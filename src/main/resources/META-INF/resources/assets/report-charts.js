// Time-series charts of the reports page, drawn with uPlot (served from its WebJar, loaded by this page only).
const charts = new Map();

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#0b7a4b';
}

/**
 * Draws (or redraws) a line chart of this period and the previous one in `box`.
 * points: [{at, value, previous}]; tz: the viewer's zone, for the time axis; format: y-axis labels.
 */
export function drawSeries(box, points, tz, label, format) {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const current = points.map((p) => (p.value === null ? null : Number(p.value)));
  const previous = points.map((p) => (p.previous === null || p.previous === undefined ? null : Number(p.previous)));
  const options = {
    width: Math.max(box.clientWidth, 280),
    height: 240,
    tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), tz),
    scales: { x: { time: true } },
    legend: { live: false },
    series: [
      {},
      { label, stroke: css('--accent'), width: 2, spanGaps: true, points: { show: points.length < 60 } },
      { label: 'Previous period', stroke: css('--muted'), width: 1.5, dash: [5, 4], spanGaps: true },
    ],
    axes: [{ stroke: css('--muted') }, { stroke: css('--muted'), values: (u, values) => values.map(format) }],
  };
  charts.get(box)?.destroy();
  box.replaceChildren();
  const chart = new window.uPlot(options, [xs, current, previous], box);
  charts.set(box, chart);
  box.dataset.points = String(points.length);
  return chart;
}

/** Charts follow their box's width (window resize, phone rotation). */
export function followWidth() {
  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      for (const [box, chart] of charts) chart.setSize({ width: Math.max(box.clientWidth, 280), height: 240 });
    }, 150);
  });
}

/** Waits for the deferred uPlot script (a module can run before it). */
export function uPlotReady() {
  if (window.uPlot) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}
