import { TestApp, startTestApp } from '../utils/test-app';

// Whose X-Forwarded-For the API believes (TRUSTED_PROXIES). The tests connect from the loopback
// address; a rotating header must not give them a fresh address to be counted against. Each block
// starts its own application in turn (one at a time: passport keeps one strategy per process).

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
const HEAVY = '{ disputes(first: 100) { nodes { docket(first: 70) { nodes { id } } } } }'; // cost 14 201

async function loginFrom(t: TestApp, forwardedFor: string | null, email: string, password = 'wrong password 123') {
  const req = t.http().post('/graphql').set('content-type', 'application/json');
  if (forwardedFor !== null) req.set('x-forwarded-for', forwardedFor);
  return (await req.send({ query: LOGIN, variables: { email, password } })).body;
}

async function heavyFrom(t: TestApp, forwardedFor: string) {
  return (
    await t.http().post('/graphql').set('content-type', 'application/json').set('x-forwarded-for', forwardedFor).send({ query: HEAVY })
  ).body;
}

const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code ?? 'OK';

describe('X-Forwarded-For from a client that is no configured proxy (the default: none)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts failed sign-ins against the connection, however the header rotates', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 21; i += 1) codes.push(codeOf(await loginFrom(t, `198.51.100.${i + 1}`, `spray${i}@test.dsb`)));
    expect(codes.slice(0, 20).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes[20]).toBe('RATE_LIMITED');
    const keys = (await t.db.query(`SELECT key FROM rate_limits WHERE key LIKE 'login:address:%'`)).map((r: { key: string }) => r.key);
    expect(keys).toEqual(['login:address:127.0.0.1']);
    t.clock.advance(16 * 60 * 1000);
  });

  it('charges expensive queries to the connection, however the header rotates', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 15; i += 1) codes.push(codeOf(await heavyFrom(t, `203.0.113.${i + 1}`)));
    expect(codes.slice(0, 14).every((c) => c === 'OK')).toBe(true);
    expect(codes[14]).toBe('RATE_LIMITED');
    t.clock.advance(61_000);
  });
});

describe('X-Forwarded-For from a configured proxy (TRUSTED_PROXIES=loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUSTED_PROXIES: 'loopback' } });
  });
  afterAll(() => t.close());

  it('counts each forwarded client apart', async () => {
    for (let i = 0; i < 20; i += 1) expect(codeOf(await loginFrom(t, '198.51.100.7', `spray${i}@test.dsb`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await loginFrom(t, '198.51.100.7', 'spray20@test.dsb'))).toBe('RATE_LIMITED');
    // Another client behind the same proxy is not held back by the first one's failures.
    expect(codeOf(await loginFrom(t, '198.51.100.8', 'spray21@test.dsb'))).toBe('UNAUTHENTICATED');
  });

  it('takes the address the proxy saw, not what the client wrote before it', async () => {
    // The proxy appends the address it saw; the part before is the client's to write.
    for (let i = 0; i < 20; i += 1)
      expect(codeOf(await loginFrom(t, `10.9.9.${i}, 192.0.2.44`, `other${i}@test.dsb`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await loginFrom(t, '10.9.9.99, 192.0.2.44', 'other20@test.dsb'))).toBe('RATE_LIMITED');
  });

  it('counts the proxy itself when it forwards nothing', async () => {
    expect(codeOf(await loginFrom(t, null, 'direct@test.dsb'))).toBe('UNAUTHENTICATED');
    const [row] = await t.db.query(`SELECT hits FROM rate_limits WHERE key = 'login:address:127.0.0.1'`);
    expect(Number(row.hits)).toBe(1);
  });
});
