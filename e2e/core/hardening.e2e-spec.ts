import { serverAudits } from 'graphql-http';
import type { AddressInfo } from 'node:net';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

describe('query limits and protocol hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const refusal = async (query: string, domainCode: string) => {
    const res = await t.gql(query);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode });
    return res.errors![0];
  };

  it('refuses a query nested deeper than 7 levels, and accepts one of 7', async () => {
    const error = await refusal('{ disputes { nodes { documents { nodes { dispute { documents { nodes { id } } } } } } } }', 'QUERY_TOO_DEEP');
    expect(error.message).toMatch(/at most 7/);
    const ok = await t.gql('{ disputes { nodes { documents { nodes { dispute { documents { nodes { __typename } } } } } } } }');
    expect(ok.errors).toBeUndefined();
  });

  it('refuses more than 15 aliases', async () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => `m${i}: members(first: 1) { nodes { code } }`).join(' ');
    await refusal(`{ ${sixteen} }`, 'TOO_MANY_ALIASES');
    const fifteen = Array.from({ length: 15 }, (_, i) => `m${i}: members(first: 1) { nodes { code } }`).join(' ');
    expect((await t.gql(`{ ${fifteen} }`)).errors).toBeUndefined();
  });

  it('refuses a query whose page sizes multiply past the cost limit, also through variables', async () => {
    await refusal('{ disputes(first: 100) { nodes { docket(first: 100) { nodes { id kind text } } } } }', 'QUERY_TOO_COSTLY');
    const res = await t.gql('query($n: Int) { disputes(first: $n) { nodes { docket(first: $n) { nodes { id kind text } } } } }', { n: 100 });
    expect(res.errors![0].extensions.domainCode).toBe('QUERY_TOO_COSTLY');
  });

  it('charges expensive queries to the client, in PostgreSQL, and refuses past the budget', async () => {
    const heavy = '{ disputes(first: 100) { nodes { docket(first: 70) { nodes { id } } } } }'; // cost 14 201
    const results = [];
    for (let i = 0; i < 15; i += 1) results.push(await t.gql(heavy));
    expect(results.slice(0, 14).every((r) => !r.errors)).toBe(true);
    expect(results[14].errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', domainCode: 'QUERY_BUDGET_EXCEEDED' });
    // Cheap queries are not counted, and the budget comes back after the minute.
    expect((await t.gql('{ members(first: 5) { nodes { code } } }')).errors).toBeUndefined();
    t.clock.advance(61_000);
    expect((await t.gql(heavy)).errors).toBeUndefined();
    const [row] = await t.db.query(`SELECT hits FROM rate_limits WHERE key LIKE 'query-cost:%'`);
    expect(Number(row.hits)).toBe(14_201);
  });

  it('refuses batched HTTP requests', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'application/json').send({ query: `{ __typename } # ${'x'.repeat(36 * 1024 * 1024)}` });
    expect(res.status).toBe(413);
  });

  it('lets exactly one of two concurrent updates of one record win, 200 times over', async () => {
    const member = await createMember(t.db, { code: 'MNG', name: 'Mongolia' });
    const token = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));
    const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { version } }`;
    let version = member.version;
    for (let round = 0; round < 200; round += 1) {
      const pair = await Promise.all(
        ['A', 'B'].map((side) => t.gql(UPDATE, { input: { id: member.id, version, name: `Mongolia ${round}${side}` } }, token)),
      );
      const winners = pair.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(pair.find((r) => r.errors)!.errors![0].extensions.code).toBe('CONFLICT');
      version = winners[0].data!.updateMember.version;
    }
    expect(version).toBe(member.version + 200);
  });

  it('passes the GraphQL-over-HTTP audits of graphql-http with no error', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const audits = serverAudits({ url: `http://127.0.0.1:${port}/graphql` });
    const errors: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'error') errors.push(`${audit.name}: ${result.reason}`);
    }
    expect(errors).toEqual([]);
  });
});
