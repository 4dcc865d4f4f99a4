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

  it('cuts a response that outlives the grace period, and the client sees its body end incomplete', async () => {
    // About 16 MB of NDJSON: several times what the socket's buffers on both ends can hold for a
    // client that reads nothing, so the export cannot finish, however fast the server.
    const articles = 2000;
    const server = await startServer({ files: [writeNewsFixture(articles, { summaryPadding: 8000 })] });
    try {
      const response = await fetch(`${server.url}/export/articles.ndjson`);
      expect(response.status).toBe(200);
      // The client reads nothing until the server has closed.
      expect(await closeGracefully(server.app, 200)).toEqual({ cut: true });
      let text = '';
      const failure = await (async () => {
        const decoder = new TextDecoder();
        try {
          for await (const chunk of response.body!) text += decoder.decode(chunk, { stream: true });
          return null;
        } catch (error) {
          return error;
        }
      })();
      // What the buffers held arrives; then the body ends without the last chunk, which fetch
      // reports as an error rather than as the end of the file.
      expect(failure).toMatchObject({ name: 'TypeError', message: 'terminated' });
      const lines = text.split('\n').slice(0, -1);
      expect(lines.length).toBeLessThan(articles);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ kind: 'NEWS' });
    } finally {
      await server.close().catch(() => undefined);
    }
  }, 120_000);
});
