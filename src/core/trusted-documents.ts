import fs from 'node:fs';
import path from 'node:path';

/** The repository: the nearest folder above this file with a package.json (src/core, dist/core or the benchmarks' build). */
function repositoryRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The documented operations, by the SHA-256 of their text: written by `npm run codegen`. */
export const trustedDocumentsFile = path.join(repositoryRoot(), 'schema/trusted-documents.json');

/**
 * The trusted documents: operations published with Quipu (schema/operations/*.graphql), known by
 * the SHA-256 hex of their exact text. A client sends only the hash (Apollo's persisted-query
 * extension) and gets the same cacheable GET URL for as long as the operation exists; partner keys
 * may be limited to these.
 */
export class TrustedDocuments {
  constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  static load(file = trustedDocumentsFile): TrustedDocuments {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run codegen\` to write the trusted documents`);
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: expected an object of hash -> document text`);
    const entries = Object.entries(parsed as Record<string, unknown>);
    for (const [hash, text] of entries) {
      if (!/^[0-9a-f]{64}$/.test(hash) || typeof text !== 'string') throw new Error(`${file}: "${hash}" must be a SHA-256 hex hash mapped to a document text`);
    }
    return new TrustedDocuments(new Map(entries as [string, string][]));
  }

  get size(): number {
    return this.byHash.size;
  }

  text(hash: string): string | undefined {
    return this.byHash.get(hash);
  }

  /** The published operation of that name, with its hash. */
  byName(name: string): { hash: string; text: string } | undefined {
    const heading = new RegExp(`^(query|mutation|subscription) ${name}\\b`);
    for (const [hash, text] of this.byHash) if (heading.test(text)) return { hash, text };
    return undefined;
  }

  /**
   * Whether a request runs a trusted document: it names one by hash, and sends either no text or
   * that very text (Apollo checks a sent text against its hash).
   */
  isTrustedRequest(query: string | undefined, extensions: Record<string, unknown> | undefined): boolean {
    const persisted = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    if (typeof persisted?.sha256Hash !== 'string') return false;
    const text = this.byHash.get(persisted.sha256Hash);
    return text !== undefined && (query === undefined || query === text);
  }
}
