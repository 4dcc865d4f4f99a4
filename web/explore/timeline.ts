/**
 * The timeline chart, drawn with uPlot, and the same numbers as a table. Hovering a month tells its
 * count; dragging across months (uPlot's own selection) sets the filter's dates to those months.
 */
import uPlot from 'uplot';
import { formatDay } from '../../src/core/dates';
import type { TimelineSeries } from './api';

/** Sets the filter's publication dates, inclusive, `YYYY-MM-DD`. */
export type SetDates = (from: string, to: string) => void;

let current: uPlot | null = null;
/** The line that says what the mouse can do with the chart, hidden with it. */
let hint: HTMLElement | null = null;

/** The one way the page writes a month: on the axis, in the tooltip and in the table. */
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY = 86400;

function seconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** The day before `date`: a bucket's last day, as its `end` is the next bucket's first. */
function dayBefore(date: string): string {
  return new Date((seconds(date) - DAY) * 1000).toISOString().slice(0, 10);
}

const articles = (count: number) => `${count} article${count === 1 ? '' : 's'}`;

/** The drawn chart, for the browser console and the end-to-end test. */
export function currentTimeline(): uPlot | null {
  return current;
}

/**
 * Draws the first series (the filter's own) as monthly bars, with dates in UTC like the API's buckets.
 * `setDates`, when given, receives the months a drag across the chart covers.
 */
export function drawTimeline(container: HTMLElement, table: HTMLTableElement, series: TimelineSeries[], setDates?: SetDates): void {
  clearTimeline();
  const main = series[0];
  if (!main) return;
  const buckets = main.buckets;
  const xs = buckets.map((bucket) => seconds(bucket.start));
  const ys = buckets.map((bucket) => bucket.count);
  const bars = uPlot.paths.bars!({ size: [0.6, 80] });
  const tip = document.createElement('div');
  tip.className = 'timeline-tip';
  // The table below holds the same numbers for the keyboard and screen readers.
  tip.setAttribute('aria-hidden', 'true');
  tip.hidden = true;
  const language = document.documentElement.lang;

  /** The months a selection covers, as the indexes of their buckets (uPlot's nearest point to each end). */
  const selectedMonths = (u: uPlot): [number, number] => [u.posToIdx(u.select.left), u.posToIdx(u.select.left + u.select.width)];

  /** Shows, beside the pointer, the month under it, or while dragging the dates the drag covers. */
  const showTip = (u: uPlot) => {
    const { left, top, idx } = u.cursor;
    if (left === undefined || left < 0 || idx === null || idx === undefined) {
      tip.hidden = true;
      return;
    }
    if (u.select.width > 0) {
      const [first, last] = selectedMonths(u);
      tip.textContent = `${formatDay(buckets[first]!.start, language)} to ${formatDay(dayBefore(buckets[last]!.end), language)}`;
    } else {
      tip.textContent = `${MONTH.format(new Date(xs[idx]! * 1000))}: ${articles(ys[idx]!)}`;
    }
    tip.hidden = false;
    const x = Math.min(left + 12, u.over.clientWidth - tip.offsetWidth);
    tip.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, (top ?? 0) - tip.offsetHeight - 8)}px)`;
  };

  /** At the end of a drag: the months it covers become the filter's dates, and the selection goes. */
  const applySelection = (u: uPlot) => {
    if (u.select.width < 2 || !setDates) return;
    const [first, last] = selectedMonths(u);
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    setDates(buckets[first]!.start, dayBefore(buckets[last]!.end));
  };

  current = new uPlot(
    {
      width: Math.max(280, container.clientWidth),
      height: 240,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { show: true, y: false, points: { show: false }, drag: { x: Boolean(setDates), y: false, setScale: false } },
      scales: { x: { time: true, range: (_u, min, max) => [min - 16 * DAY, max + 16 * DAY] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          stroke: '#111827',
          grid: { show: false },
          label: 'Month of publication (UTC)',
          labelSize: 24,
          splits: () => everyNth(xs, Math.ceil(xs.length / 12)),
          values: (_u, splits) => splits.map((s) => MONTH.format(new Date(s * 1000))),
        },
        { stroke: '#111827', grid: { stroke: '#e5e7eb' }, label: 'Articles', labelSize: 24, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [{}, { label: main.label, stroke: '#1d4ed8', fill: 'rgba(29, 78, 216, 0.35)', paths: bars, points: { show: false } }],
      hooks: { setCursor: [showTip], setSelect: [applySelection] },
    },
    [xs, ys],
    container,
  );
  current.over.append(tip);
  if (setDates && !hint) {
    hint = document.createElement('p');
    hint.className = 'hint timeline-hint';
    hint.textContent = 'Hover a month for its count; drag across months to show only their articles.';
    container.before(hint);
  }
  if (hint) hint.hidden = !setDates;
  container.setAttribute('aria-label', `${main.label} per month: ${main.total} in all. The table below gives the numbers; the dates in the filters set the range.`);
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...buckets.map((bucket) => {
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
  current?.setSize({ width: Math.max(280, container.clientWidth), height: 240 });
}

export function clearTimeline(): void {
  current?.destroy();
  current = null;
  if (hint) hint.hidden = true;
}
