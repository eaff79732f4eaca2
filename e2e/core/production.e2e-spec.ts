import { createMember, createUser } from '../utils/factories';
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

  it('suggests no name anywhere: validation, literal and variable coercion, input fields, types', async () => {
    const member = await createMember(t.db, { code: 'UZB', name: 'Uzbekistan' });
    const token = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));
    const UPDATE = 'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { version } }';
    const mistakes: [string, Record<string, unknown>?][] = [
      ['{ members(frist: 5) { nodes { code } } }'], // argument
      ['{ members(status: ACTIV) { nodes { code } } }'], // enum literal
      ['query($s: MemberStatus) { members(status: $s) { nodes { code } } }', { s: 'ACTIV' }], // enum variable
      ['query($s: MemberStatu) { members(status: $s) { nodes { code } } }', { s: 'ACTIVE' }], // type
      ['{ members { nodes { ...F } } } fragment F on Membr { code }'], // type condition
      [`mutation { updateMember(input: { id: "${member.id}", version: ${member.version}, nmae: "x" }) { version } }`], // input literal
      [UPDATE, { input: { id: member.id, version: member.version, nmae: 'x' } }], // input variable
      [UPDATE, { input: { id: member.id, version: member.version, name: 'x', status: 'SUSPENDE' } }], // enum in an input variable
      ['{ members { nodes { code nmae } } }'], // field
    ];
    for (const [query, variables] of mistakes) {
      const res = await t.gql(query, variables, token);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect({ query, errors: JSON.stringify(res.errors) }).toEqual({ query, errors: expect.not.stringMatching(/Did you mean/i) });
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(res.errors![0].extensions.code);
    }
  });

  it('names no server software: no X-Powered-By, no Server header, no product in a message', async () => {
    const responses = [
      await t.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' }),
      await t.http().get('/graphql?query={__typename}').set('graphql-require-preflight', '1'),
      await t.http().get('/graphql?query={__typename}'), // blocked: no preflight header
      await t.http().put('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' }),
      await t.http().post('/graphql').set('content-type', 'application/json').send('{"query":'),
      await t.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ nope }' }),
      await t.http().get('/nowhere'),
      await t.http().get('/health/live'),
      await t.http().get('/documents/00000000-0000-0000-0000-000000000000/content'),
    ];
    expect(responses[1].body).toEqual({ data: { __typename: 'Query' }, extensions: { language: 'en' } });
    expect(responses[2].body.errors[0].message).toMatch(/graphql-require-preflight/);
    for (const res of responses) {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.server).toBeUndefined();
      expect(res.text).not.toMatch(/\b(apollo|express|fastify|nestjs|nest\.js|node\.js)\b/i);
    }
  });

  it('serves no explorer', async () => {
    const res = await t.http().get('/graphql').set('accept', 'text/html');
    expect(res.text).not.toContain('Altair');
    await t.http().get('/altair/main.js').expect(404);
  });

  it('still answers ordinary queries', async () => {
    expect((await t.gql('{ members { nodes { code } } }')).errors).toBeUndefined();
  });

  it("hashes no signed-in answer for an ETag (it depends on who asks); an anonymous one has the public cache's", async () => {
    const token = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));
    const query = { query: '{ members { nodes { code } } }' };
    const signedIn = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send(query);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.members.nodes).toEqual(expect.any(Array));
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    // Anonymous: one hash when the answer is kept (README, "Public reads from a cache"), none per request after.
    const anonymous = await t.http().post('/graphql').set('content-type', 'application/json').send(query);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });
});
