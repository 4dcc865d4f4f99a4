import { postChecked } from '../lib/check';
import { DEPTHS, PAGE_SIZES, requestBody, sizedList } from '../lib/operations';
import type { RunningServer } from '../lib/servers';

/**
 * Part (a): SQL statements per request, read from the server's own counter
 * (`quipu_sql_statements_total` on GET /metrics) around each request. A selection must cost the
 * same whatever the page size: no N+1.
 */
export interface StatementRow {
  depth: string;
  /** Statements per page size (1, 5, 20, 100, 500). */
  statements: Record<number, number>;
  /** Articles actually returned per page size (500 is five topics' lists, so may be fewer). */
  items: Record<number, number>;
  /**
   * Does not grow with N: equal for 5-100, no more at 1 (one article may link fewer subject kinds, so
   * fewer per-kind loaders run), and 500 (nested under five topics) at most their one statement more.
   */
  constant: boolean;
}

async function counter(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const match = /^quipu_sql_statements_total (\d+)/m.exec(text);
  if (!match) throw new Error('quipu_sql_statements_total is missing from /metrics');
  return Number(match[1]);
}

function countItems(data: unknown): number {
  const root = data as { articles?: { nodes: unknown[] }; nodes?: { articles: { nodes: unknown[] } }[] };
  if (root.articles) return root.articles.nodes.length;
  return root.nodes!.reduce((sum, topic) => sum + topic.articles.nodes.length, 0);
}

export async function measureStatements(quipu: RunningServer, topTopicIds: number[]): Promise<StatementRow[]> {
  const rows: StatementRow[] = [];
  for (const depth of DEPTHS) {
    const statements: Record<number, number> = {};
    const items: Record<number, number> = {};
    for (const size of PAGE_SIZES) {
      const operation = sizedList(size, depth.selection, topTopicIds);
      // Twice: the second run proves the count is stable (nothing is cached across requests).
      const counts: number[] = [];
      for (let i = 0; i < 2; i++) {
        const before = await counter(quipu.origin);
        const { data } = await postChecked(quipu.url, requestBody(operation), `${depth.name} at ${size}`);
        counts.push((await counter(quipu.origin)) - before);
        items[size] = countItems(data);
      }
      if (counts[0] !== counts[1]) throw new Error(`${depth.name} at ${size}: ${counts[0]} then ${counts[1]} statements`);
      statements[size] = counts[0];
    }
    const flat = [statements[5], statements[20], statements[100]];
    const constant = flat.every((v) => v === flat[0]) && statements[1] <= flat[0] && statements[500] <= flat[0] + 1;
    rows.push({ depth: depth.name, statements, items, constant });
  }
  return rows;
}
