import { startServer, type TestServer } from './support/server';

const partnerOrigin = 'https://partner.example';

describe('cross-origin reads (CORS)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('answers the preflight a partner page sends for a GET with the CSRF header and a key', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: partnerOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-apollo-operation-name,authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-apollo-operation-name');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });

  it('lets any origin read a response, and the headers it needs', async () => {
    const query = encodeURIComponent('{ article(slug: "psg-aims") { title } }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, { headers: { origin: partnerOrigin, 'x-apollo-operation-name': 'Article' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('etag');
  });
});
