import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/data-source';
import { PartnerKeys } from '../src/partner/keys';

describe('a writer that finds another writing', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-writers-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('waits for it, saying so every 2 s, then writes; the event loop turns meanwhile', async () => {
    const file = path.join(dir, 'quipu.db');
    const messages: string[] = [];
    const database = await openDatabase(file, { report: (message) => messages.push(message) });
    // Another process's long write (an ingest): a connection of its own holding the write lock.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO source (name, url) VALUES ('Other writer', 'https://other.example/')").run();
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 100);
    const started = Date.now();
    const created = new PartnerKeys(database.sql).create({ name: 'Waiting partner', origins: [] });
    setTimeout(() => other.exec('COMMIT'), 2300);
    const { key } = await created;
    clearInterval(ticking);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2300);
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(messages[0]).toMatch(/^waiting for another process to finish writing to the database \(2 s so far\)$/);
    expect(messages[messages.length - 1]).toMatch(/^got the write lock after 2\.\d s$/);
    expect((await new PartnerKeys(database.sql).list()).map((k) => k.id)).toEqual([key.id]);
    expect(await database.sql.all<{ name: string }>('SELECT name FROM source')).toEqual([{ name: 'Other writer' }]);
    other.close();
    await database.close();
  });

  it('starting up (migrations) waits for it too', async () => {
    const file = path.join(dir, 'busy-start.db');
    const first = await openDatabase(file);
    await first.close();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const messages: string[] = [];
    const opening = openDatabase(file, { report: (message) => messages.push(message) });
    setTimeout(() => other.exec('COMMIT'), 2200);
    const database = await opening;
    expect(messages[0]).toMatch(/^waiting for another process to finish writing/);
    other.close();
    await database.close();
  });
});
