import { type ExploreState, KIND_INFO, KINDS } from './state';

const FORMATS: [extension: string, type: string, label: string][] = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
];

/**
 * Announces in <head> the feeds of the one topic, organisation, place or person the view shows, for
 * feed readers and browser extensions; none when the view is anything else (several entities, a
 * search or dates, which no feed follows). The server writes the same links into the first load
 * (src/explore/explore.plugin.ts), and the channels' feeds, which stay.
 */
export function announceEntityFeeds(state: ExploreState): void {
  for (const link of document.head.querySelectorAll('link[data-feed="entity"]')) link.remove();
  const chosen = KINDS.flatMap((kind) => state.slugs[kind].map((slug) => ({ kind, slug })));
  if (chosen.length !== 1 || state.q.trim() || state.from || state.to) return;
  const { kind, slug } = chosen[0];
  const { param } = KIND_INFO[kind];
  for (const [extension, type, label] of FORMATS) {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = type;
    link.title = `Quipu: ${param} ${slug} (${label})`;
    link.href = `${location.origin}/feeds/${param}/${encodeURIComponent(slug)}.${extension}`;
    link.dataset.feed = 'entity';
    document.head.append(link);
  }
}
