/**
 * Writes a catalogue back as the two data files the real loader reads (seeds/taxonomy.yaml and
 * seeds/gazetteer.yaml), as JSON, which is YAML. Running the result through `parseCatalogue`
 * puts the generated catalogue through exactly the validation that curated data gets.
 */
import type { Catalogue, TopicDef } from '../ingest/catalogue';

interface TopicNode {
  slug: string;
  name: string;
  description: string;
  threshold: number;
  rules: { match: string; weight: number }[];
  children?: TopicNode[];
}

/** `taxonomy` and `gazetteer` file contents for `catalogue`. */
export function catalogueFiles(catalogue: Catalogue): { taxonomy: string; gazetteer: string } {
  const nodes = new Map<string, TopicNode>();
  const roots: TopicNode[] = [];
  // Parents come before children in a catalogue, so each parent's node exists when a child needs it.
  for (const t of catalogue.topics) {
    const node = topicNode(t);
    nodes.set(t.slug, node);
    if (t.parent === null) roots.push(node);
    else {
      const parent = nodes.get(t.parent)!;
      parent.children ??= [];
      parent.children.push(node);
    }
  }
  return {
    taxonomy: JSON.stringify({ topics: roots }),
    gazetteer: JSON.stringify({
      organisations: catalogue.organisations,
      places: catalogue.places.map(({ forms: _, ubigeo: __, description: ___, operator: ____, ...place }) => place),
      people: catalogue.people,
      ignore: catalogue.ignore,
    }),
  };
}

function topicNode(t: TopicDef): TopicNode {
  // The file format lists one rule per { match, weight }; a rule here has one phrase.
  return { slug: t.slug, name: t.name, description: t.description, threshold: t.threshold, rules: t.rules.map((r) => ({ match: r.match, weight: r.weight })) };
}
