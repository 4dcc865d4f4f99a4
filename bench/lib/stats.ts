/** Small statistics for the bench: every claim is a ratio summarised over rounds. */

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Per-round ratios, then their spread. Dividing within a round first cancels the drift of a shared,
 * noisy machine (both sides of a ratio ran seconds apart); the median then drops outlier rounds.
 */
export function roundRatios(numerators: readonly number[], denominators: readonly number[]): Spread & { rounds: number[] } {
  const rounds = numerators.map((n, i) => n / denominators[i]);
  return { ...spread(rounds), rounds };
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** `1.23× (1.10–1.40)`; the range is left out when there was one measurement. */
export function formatRatio(s: Spread): string {
  return s.min === s.max ? `${fixed(s.median)}×` : `${fixed(s.median)}× (${fixed(s.min)}–${fixed(s.max)})`;
}
