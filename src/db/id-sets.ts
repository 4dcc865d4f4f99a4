/**
 * Sets of article ids as the article index (article-index.ts) holds them: a bitmap of one bit per
 * id (a Uint32Array, id `i` at bit `i & 31` of word `i >>> 5`) for a request's set, and a sorted
 * Uint32Array without repeats for a subject's articles. Plus the walk of a subject tree.
 */

export type Bitmap = Uint32Array;

/** The words of a bitmap for ids below `size`. */
export function bitmapWords(size: number): number {
  return (size + 31) >>> 5;
}

/** An empty bitmap for ids below `size`. */
export function emptyBitmap(size: number): Bitmap {
  return new Uint32Array(bitmapWords(size));
}

export function addId(set: Bitmap, id: number): void {
  set[id >>> 5] |= 1 << (id & 31);
}

/** Calls `visit` with each id in the set, in ascending order. */
export function forEachId(set: Bitmap, visit: (id: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let word = set[w];
    while (word !== 0) {
      visit((w << 5) | (31 - Math.clz32(word & -word)));
      word &= word - 1;
    }
  }
}

/** How many ids the set holds (a population count, word by word). */
export function cardinality(set: Bitmap): number {
  let count = 0;
  for (let w = 0; w < set.length; w++) {
    let v = set[w];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}

/** A sorted id list with more ids in it: sorted, without repeats. */
export function withIds(list: Uint32Array | undefined, more: number[]): Uint32Array {
  const all = new Uint32Array((list?.length ?? 0) + more.length);
  if (list) all.set(list);
  all.set(more, list?.length ?? 0);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.subarray(0, n);
}

/** Each node's children, from each node's parent. */
export function childrenOf(parents: Map<number, number | null>): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const [id, parent] of parents) if (parent !== null) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(id);
  return children;
}

/** The root and everything below it (a cycle is walked once). */
export function descendants(children: Map<number, number[]>, root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
