/** The timeline chart, drawn with uPlot, and the same numbers as a table. */
import uPlot from 'uplot';
import type { TimelineSeries } from './api';

let current: uPlot | null = null;

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

function seconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** Draws the first series (the filter's own) as monthly bars, with dates in UTC like the API's buckets. */
export function drawTimeline(container: HTMLElement, table: HTMLTableElement, series: TimelineSeries[]): void {
  clearTimeline();
  const main = series[0];
  if (!main) return;
  const xs = main.buckets.map((bucket) => seconds(bucket.start));
  const ys = main.buckets.map((bucket) => bucket.count);
  const bars = uPlot.paths.bars!({ size: [0.6, 80] });
  current = new uPlot(
    {
      width: Math.max(280, container.clientWidth),
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: true, range: (_u, min, max) => [min - 16 * 86400, max + 16 * 86400] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          stroke: '#111827',
          grid: { show: false },
          splits: () => everyNth(xs, Math.ceil(xs.length / 12)),
          values: (_u, splits) => splits.map((s) => MONTH.format(new Date(s * 1000))),
        },
        { stroke: '#111827', grid: { stroke: '#e5e7eb' }, label: 'Articles', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [{}, { label: main.label, stroke: '#1d4ed8', fill: 'rgba(29, 78, 216, 0.35)', paths: bars, points: { show: false } }],
    },
    [xs, ys],
    container,
  );
  container.setAttribute('aria-label', `${main.label} per month: ${main.total} in all. The table below gives the numbers.`);
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...main.buckets.map((bucket) => {
      const row = body.insertRow();
      const month = document.createElement('th');
      month.scope = 'row';
      month.textContent = MONTH.format(new Date(seconds(bucket.start) * 1000));
      row.append(month);
      row.insertCell().textContent = String(bucket.count);
      return row;
    }),
  );
}

/** Every nth value, so that at most about a dozen month labels share the axis. */
function everyNth(values: number[], n: number): number[] {
  return values.filter((_value, index) => index % n === 0);
}

/** Follows the width of the chart's box when the window changes size. */
export function fitTimeline(container: HTMLElement): void {
  current?.setSize({ width: Math.max(280, container.clientWidth), height: 220 });
}

export function clearTimeline(): void {
  current?.destroy();
  current = null;
}
