import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../graph/context';
import { anonymousSubject, type BudgetPolicy, type Budgets, type Charge, CostBudgets, keySubject } from '../partner/budget';
import { allowsOrigin, type PartnerKey, type PartnerKeys } from '../partner/keys';
import { refusedRequests } from './metrics';

/** The most a single request may cost, whoever sends it (see cost.ts for how cost is counted). */
export const MAX_COST_PER_REQUEST = 25_000;

/** Who sent a request, and the budget it spends from (none: budgets are off). */
export interface Client {
  key: PartnerKey | null;
  subject: string;
  policy: BudgetPolicy | null;
}

/** What a request was allowed to spend: reported in `extensions.cost` and the RateLimit headers. */
export interface Admission {
  cost: number;
  charge: Charge | null;
}

/** A GraphQL request's context as the HTTP layer keeps it: the graph's Context, and what the policy knows of the request. */
export interface HttpContext extends Context {
  /** Who sent the request (a partner key or an anonymous IP) and the budget it spends; set by http/server.ts. */
  client?: Client;
  /** What the request was charged, once charged (a failed known query goes on to Apollo without paying twice). */
  admission?: Admission;
  /** Whether the request reads in the heavy lane, set once it is charged (an object: Apollo copies the context shallowly). */
  lane?: { heavy: boolean };
  /** Where a GET's answer goes in the response cache, and the cache's epoch when the request began (response-cache.ts). */
  cacheSlot?: { key: string; epoch: number };
}

/**
 * A request turned away before it runs: the status, the error code and message the client gets,
 * and headers (Retry-After, RateLimit) that tell it when to come back.
 */
export class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {}

  /** Counts the refusal on /metrics: called once per refused request, where its answer is sent. */
  count(): this {
    refusedRequests.labels(this.code).inc();
    return this;
  }

  /** As Apollo wants it thrown from a plugin: the status and headers ride in `extensions.http`. */
  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: { code: this.code, ...this.details, http: { status: this.status, headers: new HeaderMap(Object.entries(this.headers)) } },
    });
  }

  /** The GraphQL response body, for refusals made before Apollo sees the request. */
  body(): string {
    return `${JSON.stringify({ errors: [{ message: this.message, extensions: { code: this.code, ...this.details } }] })}\n`;
  }
}

export interface RequestPolicyOptions {
  /** The budget of each anonymous client IP; null turns budgets off for requests without a key. */
  anonymous: BudgetPolicy | null;
  maxCostPerRequest?: number;
  /** Where budgets are kept (default: this process's memory). */
  budgets?: Budgets;
}

/**
 * Who may run what: a request names a partner key in `Authorization: Bearer <key>` or comes
 * anonymously (counted per client IP). A key must be live and, when a browser sends it, come from one
 * of its origins; a key limited to trusted documents runs only those. Every request's cost is known
 * before it runs: more than `maxCostPerRequest` is refused outright, and the rest is charged to the
 * client's budget for the window, which answers 429 once spent.
 */
export class RequestPolicy {
  readonly maxCostPerRequest: number;
  private readonly budgets: Budgets;

  constructor(
    private readonly keys: () => PartnerKeys | null,
    private readonly options: RequestPolicyOptions,
  ) {
    this.maxCostPerRequest = options.maxCostPerRequest ?? MAX_COST_PER_REQUEST;
    this.budgets = options.budgets ?? new CostBudgets();
  }

  async identify(authorization: string | undefined, origin: string | undefined, ip: string): Promise<Client | Refusal> {
    if (authorization === undefined || authorization === '') {
      return { key: null, subject: anonymousSubject(clientNetwork(ip)), policy: this.options.anonymous };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return new Refusal(401, 'UNAUTHENTICATED', 'Authorization must be "Bearer <partner key>"', { 'www-authenticate': 'Bearer' });
    const key = (await this.keys()?.verify(match[1])) ?? null;
    if (!key) return new Refusal(401, 'UNAUTHENTICATED', 'The partner key is unknown or revoked', { 'www-authenticate': 'Bearer error="invalid_token"' });
    if (!allowsOrigin(key, origin)) {
      return new Refusal(403, 'FORBIDDEN', `The partner key ${key.prefix} may not be used from origin ${origin}; its origins are ${key.origins.join(', ')}`);
    }
    return { key, subject: keySubject(key.id), policy: { budget: key.budget, windowSeconds: key.windowSeconds } };
  }

  /**
   * Whether `client` may run a mutation: only an editor or admin key may (401 without a key, 403
   * with a partner key). Mutations reach this only by POST: a GET one is refused earlier (405).
   */
  mayWrite(client: Client): Refusal | undefined {
    if (!client.key) {
      return new Refusal(401, 'UNAUTHENTICATED', 'Mutations need an editor key: send Authorization: Bearer <key>, made with `npm run keys -- create --name <n> --role editor`', {
        'www-authenticate': 'Bearer',
      });
    }
    if (client.key.role === 'partner') {
      return new Refusal(403, 'FORBIDDEN', `The key ${client.key.prefix} is a partner key, which reads only: mutations need an editor or admin key`);
    }
    return undefined;
  }

  async admit(client: Client, cost: number, trusted: boolean): Promise<Admission | Refusal> {
    if (client.key?.trustedOnly && !trusted) {
      return new Refusal(
        403,
        'TRUSTED_DOCUMENTS_ONLY',
        `The partner key ${client.key.prefix} runs only trusted documents: send the sha256Hash of a published operation in extensions.persistedQuery, without other query text`,
      );
    }
    const cost_ = { requested: cost, maxPerRequest: this.maxCostPerRequest };
    if (cost > this.maxCostPerRequest) {
      return new Refusal(
        400,
        'COST_LIMIT_EXCEEDED',
        `The query would cost ${cost} points; a request may cost at most ${this.maxCostPerRequest}. Ask for smaller pages (first/last) or fewer nested lists`,
        {},
        { cost: cost_ },
      );
    }
    const policy = client.policy;
    if (!policy) return { cost, charge: null };
    const charge = await this.budgets.charge(client.subject, policy, cost);
    if (charge.allowed) return { cost, charge };
    if (cost > policy.budget) {
      return new Refusal(
        400,
        'COST_LIMIT_EXCEEDED',
        `The query would cost ${cost} points, more than the whole budget of ${policy.budget} per ${policy.windowSeconds} s`,
        {},
        { cost: cost_ },
      );
    }
    return new Refusal(
      429,
      'RATE_LIMITED',
      `Cost budget spent: this query costs ${cost} points, ${charge.remaining} of ${charge.limit} remain until the window resets in ${charge.resetSeconds} s`,
      { 'retry-after': String(charge.retryAfterSeconds), ...rateLimitHeaders(policy, charge) },
      { cost: costReport(cost, charge) },
    );
  }
}

/**
 * What an anonymous budget is kept for: an IPv4 address, or an IPv6 /64 (one machine usually holds
 * a whole /64, and would otherwise start a fresh budget from each of its addresses).
 */
export function clientNetwork(ip: string): string {
  if (!ip.includes(':')) return ip;
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.slice(7);
  const address = ip.split('%')[0];
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** `extensions.cost`: what this request cost and what is left of the budget. */
export function costReport(cost: number, charge: Charge | null): Record<string, number> {
  if (!charge) return { requested: cost };
  return { requested: cost, budget: charge.limit, remaining: charge.remaining, resetSeconds: charge.resetSeconds };
}

/** The RateLimit and RateLimit-Policy headers (draft-ietf-httpapi-ratelimit-headers, structured fields). */
export function rateLimitHeaders(policy: BudgetPolicy, charge: Charge): Record<string, string> {
  return {
    'ratelimit-policy': `"cost";q=${policy.budget};w=${policy.windowSeconds}`,
    ratelimit: `"cost";r=${charge.remaining};t=${charge.resetSeconds}`,
  };
}
