import http from 'node:http';
import { closeGracefully } from '../src/http/shutdown';
import { writeNewsFixture } from './support/factories';
import { startServer } from './support/server';

/** A GET whose body is read only when asked: until then the server's stream waits on the socket. */
function pausedGet(url: string): Promise<{ status: number; read(): Promise<{ complete: boolean; lines: number }> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.pause();
        resolve({
          status: response.statusCode!,
          read: () =>
            new Promise((done) => {
              let text = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (text += chunk));
              response.on('end', () => done({ complete: response.complete, lines: text.split('\n').filter(Boolean).length }));
              response.on('error', () => done({ complete: false, lines: -1 }));
              response.resume();
            }),
        });
      })
      .on('error', reject);
  });
}

describe('closing gracefully (SIGTERM)', () => {
  it('lets a response in flight finish within the grace period, and takes no new request', async () => {
    const server = await startServer({ files: [writeNewsFixture(1000)] });
    try {
      const stream = await pausedGet(`${server.url}/export/articles.ndjson`);
      expect(stream.status).toBe(200);
      const closing = closeGracefully(server.app, 10_000);
      // No new connection is taken once closing has begun.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(await stream.read()).toEqual({ complete: true, lines: 1000 });
      expect(await closing).toEqual({ cut: false });
    } finally {
      await server.close().catch(() => undefined);
    }
  }, 120_000);
});
