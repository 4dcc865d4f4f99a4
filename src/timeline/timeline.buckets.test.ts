import Database from 'better-sqlite3';
import { sqliteDialect } from '../db/sqlite/dialect';
import { bucketCount, bucketSql, bucketStart, bucketsBetween, Interval } from './timeline.buckets';

describe('timeline buckets', () => {
  it('starts ISO weeks on Monday, across a year end', () => {
    expect(bucketStart(Interval.WEEK, '2018-12-31')).toBe('2018-12-31'); // a Monday
    expect(bucketStart(Interval.WEEK, '2019-01-06')).toBe('2018-12-31'); // the Sunday after
    expect(bucketStart(Interval.WEEK, '2019-01-07')).toBe('2019-01-07');
    expect(bucketStart(Interval.WEEK, '2021-01-01')).toBe('2020-12-28'); // a Friday in ISO week 53 of 2020
    expect(bucketsBetween(Interval.WEEK, '2018-12-30', '2019-01-07')).toEqual([
      { start: '2018-12-24', end: '2018-12-31' },
      { start: '2018-12-31', end: '2019-01-07' },
      { start: '2019-01-07', end: '2019-01-14' },
    ]);
  });

  it('names months, quarters and years by their first day and ends them at the next', () => {
    expect(bucketsBetween(Interval.MONTH, '2016-01-31', '2016-03-01')).toEqual([
      { start: '2016-01-01', end: '2016-02-01' },
      { start: '2016-02-01', end: '2016-03-01' },
      { start: '2016-03-01', end: '2016-04-01' },
    ]);
    expect(bucketsBetween(Interval.QUARTER, '2017-11-15', '2018-04-01')).toEqual([
      { start: '2017-10-01', end: '2018-01-01' },
      { start: '2018-01-01', end: '2018-04-01' },
      { start: '2018-04-01', end: '2018-07-01' },
    ]);
    expect(bucketsBetween(Interval.YEAR, '2018-12-31', '2019-01-01')).toEqual([
      { start: '2018-01-01', end: '2019-01-01' },
      { start: '2019-01-01', end: '2020-01-01' },
    ]);
  });

  it('counts buckets without walking past the limit', () => {
    expect(bucketCount(Interval.MONTH, '2018-02-10', '2018-03-01', 1000)).toBe(2);
    expect(bucketCount(Interval.WEEK, '1900-01-01', '2100-01-01', 1000)).toBe(1001);
  });

  it('computes the same bucket in SQL as in code, for every day of two years', () => {
    const db = new Database(':memory:');
    const days: string[] = [];
    for (let t = Date.UTC(2019, 11, 1); t < Date.UTC(2021, 1, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    for (const interval of Object.values(Interval)) {
      const statement = db.prepare(`SELECT ${bucketSql(interval, 'd', sqliteDialect)} AS start FROM (SELECT ? AS d)`).pluck();
      for (const day of days) expect([interval, day, statement.get(day)]).toEqual([interval, day, bucketStart(interval, day)]);
    }
    db.close();
  });
});
