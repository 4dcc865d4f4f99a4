/**
 * What a store remembers of earlier reads, for a request to act on before it has read the same again:
 * which ids a filter's slugs resolved to, which article a slug names. A hint is never an answer. Whoever
 * uses one reads the same again in the same round and answers from what that read says, so a stale hint
 * costs a repeated read (or a read wasted), never a wrong answer. What it saves is a round trip: the
 * statements that need the ids go out with the read that checks them, not after it.
 *
 * One per store, shared by its copies (`until`, `background`). Bounded by entries, the least recently set dropped
 * first: keep small values (a filter's hint is kept only for a few slugs).
 */
export class Hints {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly capacity = 2_000) {}

  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
