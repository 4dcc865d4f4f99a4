import type { ExecutionResult } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import Negotiator from 'negotiator';
import type { Context } from '../graph/context';
import type { OperationFacts } from './policy.plugin';
import { type Admission, costReport } from './request-policy';

/** An answer's body as Apollo writes it: its data (JSON text) and the cost report. */
export function answerBody(data: string, admission: Admission): string {
  return `{"data":${data},"extensions":${JSON.stringify({ cost: costReport(admission.cost, admission.charge) })}}\n`;
}

/** A query Apollo has validated: its compiled form, and its cost and cache facts. */
export interface KnownOperation {
  compiled: CompiledQuery;
  facts: OperationFacts;
}

/** What the direct path asks of the request policy before running: an admission, or undefined to step aside. */
export type Admit = (facts: OperationFacts, variables: Record<string, unknown> | undefined) => Promise<Admission | undefined>;

/** Documents kept per process; past this many the cache starts over (documents are few in practice). */
const MAX_DOCUMENTS = 1000;

/** Apollo's own choice of response type for a single result, from the same candidates in the same order. */
const MEDIA_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];

/**
 * Queries Apollo has already parsed, validated and compiled, by their exact text and operation name.
 *
 * Apollo's request pipeline costs about as much per request as the SQL of a single article (request
 * hashing, plugin dispatch, header maps, response negotiation, and the garbage all that leaves). A
 * query whose text Apollo has accepted before passes the same validation again, so the second and
 * later requests with that text can run its compiled form straight away: that is what Mercurius does
 * with its query cache. Apollo stays the full path: first sight of a document, GET, batches,
 * variables of recursive input types, anything with `extensions`, an `Accept` header that takes no
 * JSON type, and every response with errors (handed to Apollo, which formats and masks them without
 * running the query again).
 */
export class KnownOperations {
  private readonly compiled = new Map<string, Map<string, KnownOperation>>();
  private readonly mediaTypes = new Map<string, string | null>();
  /**
   * Results with errors, for Apollo to format rather than run again. Apollo hands the gateway a
   * shallow copy of the context, so the request is known by its own loaders, made per request.
   */
  private readonly failed = new WeakMap<object, ExecutionResult>();

  /** Called by the gateway once Apollo has validated `query`; only `query` operations are kept. */
  remember(query: string, operationName: string | null | undefined, known: KnownOperation): void {
    let byName = this.compiled.get(query);
    if (!byName) {
      if (this.compiled.size >= MAX_DOCUMENTS) this.compiled.clear();
      byName = new Map();
      this.compiled.set(query, byName);
    }
    byName.set(operationName ?? '', known);
  }

  find(query: string, operationName: string | null | undefined): KnownOperation | undefined {
    return this.compiled.get(query)?.get(operationName ?? '');
  }

  /**
   * Runs a POSTed body whose query is known, or returns undefined to leave the request to Apollo.
   * Only `application/json` bodies arrive parsed, so Apollo's CSRF rule (no simple content types)
   * holds on this path too. `admit` applies the request policy (cost, budget); a request it refuses
   * goes to Apollo, which refuses it again and says why.
   */
  async execute(
    body: unknown,
    accept: string | undefined,
    context: Context,
    admit: Admit,
  ): Promise<{ contentType: string; body: string; data: string; admission: Admission; facts: OperationFacts } | undefined> {
    if (body === null || typeof body !== 'object') return undefined;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions != null) return undefined;
    // An empty name is not the absent one: Apollo rejects it, so it goes there.
    if (operationName != null && (typeof operationName !== 'string' || operationName === '')) return undefined;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    const known = this.find(query, operationName);
    if (!known) return undefined;
    const contentType = this.mediaType(accept);
    if (!contentType) return undefined;
    const admission = await admit(known.facts, variables as Record<string, unknown> | undefined);
    if (!admission) return undefined;

    const result = (await known.compiled.query(undefined, context, (variables ?? {}) as Record<string, unknown>)) as ExecutionResult;
    if (result.errors) {
      this.failed.set(context.articles, result);
      return undefined;
    }
    const data = JSON.stringify(result.data);
    return { contentType, body: answerBody(data, admission), data, admission, facts: known.facts };
  }

  /**
   * The result this path computed for the request with `context`, if it failed: Apollo, handed the
   * same context, formats those errors instead of executing the query a second time.
   */
  takeFailed(context: Context): ExecutionResult | undefined {
    const result = this.failed.get(context.articles);
    this.failed.delete(context.articles);
    return result;
  }

  /** The response type Apollo would choose for this Accept header, or null when it takes no JSON type. */
  mediaType(accept: string | undefined): string | null {
    if (!accept) return MEDIA_TYPES[0];
    let chosen = this.mediaTypes.get(accept);
    if (chosen === undefined) {
      chosen = new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) ?? null;
      if (this.mediaTypes.size >= MAX_DOCUMENTS) this.mediaTypes.clear();
      this.mediaTypes.set(accept, chosen);
    }
    return chosen;
  }
}
