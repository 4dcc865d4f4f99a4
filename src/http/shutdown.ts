import type { FastifyInstance } from 'fastify';

/**
 * Closes the server gracefully: it stops taking connections at once (the caller has already said it
 * is not ready), requests in flight get `graceMs` to finish, and past that the connections still open
 * are cut. A response cut mid-stream then ends without its last chunk, which a client reads as an
 * incomplete body, never as the clean end of a 200.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<{ cut: boolean }> {
  let cut = false;
  const grace = setTimeout(() => {
    cut = true;
    app.log.warn(`the ${graceMs} ms grace period is over: cutting the connections still open`);
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(grace);
  }
  return { cut };
}
