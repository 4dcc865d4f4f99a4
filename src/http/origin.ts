import type { FastifyRequest } from 'fastify';

/** A Host header that is a host name or address with an optional port, and nothing else. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin absolute links are made on: PUBLIC_URL when configured, else the request's own
 * (its protocol and Host header). A Host that is not a plain host[:port] is not echoed into
 * links; localhost stands in for it.
 */
export function publicOrigin(request: FastifyRequest, publicUrl?: string | null): string {
  if (publicUrl) return publicUrl;
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}
