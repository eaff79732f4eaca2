import { TestApp, startTestApp } from '../utils/test-app';

// Its own file: one application per file (passport keeps one strategy per process).
describe('production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('refuses introspection unless configured', async () => {
    const res = await t.gql('{ __schema { types { name } } }');
    expect(res.errors![0].message).toMatch(/introspection/i);
    expect(res.data ?? null).toBeNull();
  });

  it('suggests no field names and sends no stack trace', async () => {
    const res = await t.gql('{ disputez { nodes { id } } }');
    expect(res.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/);
  });

  it('serves no explorer', async () => {
    const res = await t.http().get('/graphql').set('accept', 'text/html');
    expect(res.text).not.toContain('Altair');
  });

  it('still answers ordinary queries', async () => {
    expect((await t.gql('{ members { nodes { code } } }')).errors).toBeUndefined();
  });

  it('hashes no answer for an ETag (no cache keeps a POST, and every answer depends on who asks)', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ members { nodes { code } } }' });
    expect(res.status).toBe(200);
    expect(res.body.data.members.nodes).toEqual(expect.any(Array));
    expect(res.headers.etag).toBeUndefined();
  });
});
