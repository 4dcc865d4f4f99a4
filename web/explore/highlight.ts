/** Marks the evidence of an article's links in its title or summary. */
import type { ArticleRow, EvidenceRow } from './api';
import { KIND_INFO, type Kind } from './state';

interface Span {
  start: number;
  end: number;
  label: string;
  kind: Kind;
}

/**
 * Appends `text` to `parent` with each piece of evidence found in `field` wrapped in a <mark>.
 * Offsets are UTF-16 code units, as the API gives them. Overlapping evidence (one phrase matching
 * two subjects) becomes one mark naming both; evidence whose words no longer sit at its offset is
 * skipped rather than marking the wrong words.
 */
export function appendHighlighted(parent: HTMLElement, text: string, field: EvidenceRow['field'], mentions: ArticleRow['mentions']): void {
  const spans: Span[] = [];
  for (const mention of mentions) {
    for (const evidence of mention.evidence) {
      if (evidence.field !== field) continue;
      const end = evidence.offset + evidence.length;
      if (text.slice(evidence.offset, end) !== evidence.text) continue;
      spans.push({ start: evidence.offset, end, label: `${KIND_INFO[mention.kind].label}: ${mention.subject.name}`, kind: mention.kind });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);

  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.label.includes(span.label)) last.label += `; ${span.label}`;
    } else {
      merged.push({ ...span });
    }
  }

  let at = 0;
  for (const span of merged) {
    if (span.start > at) parent.append(text.slice(at, span.start));
    const mark = document.createElement('mark');
    mark.className = `kind-${span.kind.toLowerCase()}`;
    mark.title = span.label;
    mark.textContent = text.slice(span.start, span.end);
    parent.append(mark);
    at = span.end;
  }
  if (at < text.length) parent.append(text.slice(at));
}
