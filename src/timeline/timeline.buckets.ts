/**
 * Calendar buckets in UTC. A bucket is named by its first day (`YYYY-MM-DD`); it ends where the next
 * begins (start inclusive, end exclusive). Weeks are ISO weeks, Monday to Sunday, so a week can
 * straddle two years (2018-12-31 to 2019-01-07 is the week of both New Year's Eve and Day).
 */

import { registerEnumType } from 'type-graphql';
import type { Dialect } from '../db/dialect';

export enum Interval {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

registerEnumType(Interval, {
  name: 'Interval',
  description: 'The width of a timeline bucket, in UTC calendar terms.',
  valuesConfig: {
    WEEK: { description: 'An ISO week: Monday to the next Monday.' },
    MONTH: { description: 'A calendar month: the 1st to the 1st of the next month.' },
    QUARTER: { description: 'A calendar quarter: starting 1 January, 1 April, 1 July or 1 October.' },
    YEAR: { description: 'A calendar year: 1 January to the next 1 January.' },
  },
});

/** SQL for the start of the bucket that holds the date `column` (a `YYYY-MM-DD` text); mirrors bucketStart. */
export function bucketSql(interval: Interval, column: string, dialect: Dialect): string {
  switch (interval) {
    case Interval.WEEK:
      return dialect.weekStart(column);
    case Interval.MONTH:
      return `substr(${column}, 1, 7) || '-01'`;
    case Interval.QUARTER:
      return (
        `substr(${column}, 1, 5) || CASE WHEN substr(${column}, 6, 2) < '04' THEN '01' WHEN substr(${column}, 6, 2) < '07' THEN '04' ` +
        `WHEN substr(${column}, 6, 2) < '10' THEN '07' ELSE '10' END || '-01'`
      );
    case Interval.YEAR:
      return `substr(${column}, 1, 4) || '-01-01'`;
  }
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** The first day of the bucket that holds `day`. */
export function bucketStart(interval: Interval, day: string): string {
  const date = toDate(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (interval) {
    case Interval.WEEK:
      return toDay(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000));
    case Interval.MONTH:
      return toDay(new Date(Date.UTC(year, month, 1)));
    case Interval.QUARTER:
      return toDay(new Date(Date.UTC(year, month - (month % 3), 1)));
    case Interval.YEAR:
      return toDay(new Date(Date.UTC(year, 0, 1)));
  }
}

/** The first day of the bucket after the one that starts on `start`. */
export function nextBucket(interval: Interval, start: string): string {
  const date = toDate(start);
  if (interval === Interval.WEEK) return toDay(new Date(date.getTime() + 7 * 86_400_000));
  const months = { [Interval.MONTH]: 1, [Interval.QUARTER]: 3, [Interval.YEAR]: 12 }[interval];
  return toDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/**
 * How many buckets run from the one holding `first` to the one holding `last`, counting no further
 * than `limit + 1` (enough to tell that a range is too long without walking it).
 */
export function bucketCount(interval: Interval, first: string, last: string, limit: number): number {
  let count = 0;
  for (let start = bucketStart(interval, first); start <= last && count <= limit; start = nextBucket(interval, start)) count += 1;
  return count;
}

/** The buckets from the one holding `first` to the one holding `last`, as [start, end) pairs. */
export function bucketsBetween(interval: Interval, first: string, last: string): { start: string; end: string }[] {
  const buckets: { start: string; end: string }[] = [];
  for (let start = bucketStart(interval, first); start <= last; ) {
    const end = nextBucket(interval, start);
    buckets.push({ start, end });
    start = end;
  }
  return buckets;
}
