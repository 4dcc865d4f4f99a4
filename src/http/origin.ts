import type { FastifyRequest } from 'fastify';

/**
 * A host as a Host header or an ALLOWED_HOSTS entry carries it: a host name or IPv4 address, or an
 * IPv6 address in brackets, with an optional port; nothing else.
 */
const HOST = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** A host split into its lower-cased name (IPv6 in brackets) and its port, null when it names none. */
interface HostParts {
  name: string;
  port: number | null;
}

/** Splits `host[:port]`; null for anything that is not one (a port must be 1–65535). */
export function parseHost(value: string): HostParts | null {
  const match = HOST.exec(value);
  if (!match) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { name: match[1].toLowerCase(), port };
}

/** How absolute links are made: AppOptions' publicUrl and allowedHosts. */
export interface OriginOptions {
  /** PUBLIC_URL: when set, the origin of every link. */
  publicUrl?: string | null;
  /**
   * ALLOWED_HOSTS: the Host headers links may be made on, `host` (any port) or `host:port`; the first
   * is the fallback. Null or empty: localhost and the address the request came to, on the port it came to.
   */
  allowedHosts?: string[] | null;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/**
 * The origin absolute links are made on, in answers a shared cache may keep: PUBLIC_URL when
 * configured; else the request's protocol and its Host header, when that host is allowed; else the
 * first allowed host. So a client's own Host never reaches a link unless it is on the list.
 */
export function publicOrigin(request: FastifyRequest, options: OriginOptions = {}): string {
  if (options.publicUrl) return options.publicUrl;
  const protocol = request.protocol;
  const asked = parseHost(request.host);
  const askedPort = asked?.port ?? DEFAULT_PORTS[protocol] ?? null;
  const configured = (options.allowedHosts ?? []).map(parseHost).filter((entry): entry is HostParts => entry !== null);
  if (configured.length > 0) {
    const allowed = asked !== null && configured.some((entry) => entry.name === asked.name && (entry.port === null || entry.port === askedPort));
    const host = allowed ? asked : configured[0];
    return `${protocol}://${hostText(host)}`;
  }
  // The default: this server's own names, on the port it listens on.
  const { localAddress, localPort } = request.socket ?? {};
  const names = ['localhost', '127.0.0.1', '[::1]'];
  if (localAddress) names.push((localAddress.includes(':') ? `[${localAddress}]` : localAddress).toLowerCase());
  const port = localPort ?? null;
  if (asked !== null && port !== null && askedPort === port && names.includes(asked.name)) return `${protocol}://${hostText(asked)}`;
  return `${protocol}://localhost${port === null ? '' : `:${port}`}`;
}

const hostText = (host: HostParts) => (host.port === null ? host.name : `${host.name}:${host.port}`);
