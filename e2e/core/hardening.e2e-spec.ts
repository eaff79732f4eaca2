import { translate } from '@app/i18n';
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
    const error = await refusal(
      '{ disputes { nodes { documents { nodes { dispute { documents { nodes { id } } } } } } } }',
      'QUERY_TOO_DEEP',
    );
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
    const res = await t.gql('query($n: Int) { disputes(first: $n) { nodes { docket(first: $n) { nodes { id kind text } } } } }', {
      n: 100,
    });
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

  it('refuses a page size outside 0..100 before costing, naming the argument: a negative one cancels no cost', async () => {
    // -1 × the cost of the first list would take 10 000 off the second's: the sum would pass.
    const cancelling =
      '{ a: disputes(first: -1) { nodes { docket(first: 100) { nodes { id kind text } } } } b: disputes(first: 100) { nodes { docket(first: 100) { nodes { id } } } } }';
    let error = await refusal(cancelling, 'INVALID_PAGE_SIZE');
    expect(error.extensions).toMatchObject({ field: 'first', selection: 'a', min: 0, max: 100, actual: -1 });
    expect(error.message).toMatch(/first/);
    // Through a variable, and through a variable's default value (the cost used to assume 20).
    const res = await t.gql('query($n: Int!) { disputes(first: 100) { nodes { docket(first: $n) { nodes { id } } } } }', { n: -100 });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      domainCode: 'INVALID_PAGE_SIZE',
      field: 'first',
      selection: 'disputes.nodes.docket',
      actual: -100,
    });
    error = await refusal('query($n: Int! = 101) { members(first: $n) { nodes { code } } }', 'INVALID_PAGE_SIZE');
    expect(error.extensions).toMatchObject({ field: 'first', actual: 101 });
    await refusal('query($n: Int! = 100) { disputes(first: $n) { nodes { docket(first: $n) { nodes { id } } } } }', 'QUERY_TOO_COSTLY');
    await refusal('{ members(first: 1000000) { nodes { code } } }', 'INVALID_PAGE_SIZE');
    // Within the range, the field's own rule still applies (a page holds at least one item).
    expect((await t.gql('{ members(first: 100) { nodes { code } } }')).errors).toBeUndefined();
    expect((await t.gql('{ members(first: 0) { nodes { code } } }')).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('refuses a forged cursor as INVALID_CURSOR naming after, on every list, never as an internal error', async () => {
    const token = t.tokenFor(await createUser(t.db, { role: 'SECRETARIAT' }));
    const forge = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    // Cursors no list of this API issues: an id that is no UUID, values that are no text or
    // number, the wrong number of values, text that is no base64 JSON at all.
    const malformed = [
      forge(['x', 'y']),
      forge(['2026-03-02T09:00:00.000Z', 'not-a-uuid']),
      forge([{ a: 1 }, null]),
      forge(['a\u0000b', '00000000-0000-0000-0000-000000000000']),
      forge(['only one value']),
      'not a cursor at all!',
    ];
    // Well formed, but a sort value that does not cast to the type of some lists' keys (an instant,
    // a number): refused on those; on a list sorted by text it is a position like any other.
    const wellFormed = [
      forge(['not-a-date', '00000000-0000-0000-0000-000000000000']),
      forge(['99999999999999999999999999', '00000000-0000-0000-0000-000000000000']),
    ];
    const lists = [
      'adoptedReports',
      'auditLog',
      'deadlines',
      'disputes',
      'documents',
      'hearings',
      'members',
      'nominations',
      'roster',
      'users',
    ];
    const invalid = { code: 'BAD_USER_INPUT', domainCode: 'INVALID_CURSOR', field: 'after' };
    let refusedWellFormed = 0;
    for (const list of lists) {
      for (const after of [...malformed, ...wellFormed]) {
        const res = await t.gql(`query($after: String) { ${list}(first: 5, after: $after) { nodes { __typename } } }`, { after }, token);
        const error = res.errors?.[0]?.extensions;
        if (wellFormed.includes(after) && !error) continue;
        if (wellFormed.includes(after)) refusedWellFormed += 1;
        expect({ list, after, error }).toEqual({ list, after, error: invalid });
      }
    }
    // The casts do fail somewhere (the instants and numbers of the sorted keys): those were the
    // internal errors.
    expect(refusedWellFormed).toBeGreaterThan(0);
    // An issued cursor still works.
    await createMember(t.db, { code: 'KGZ', name: 'Kyrgyzstan' });
    await createMember(t.db, { code: 'TJK', name: 'Tajikistan' });
    const first = await t.gql('{ members(first: 1) { pageInfo { endCursor } } }');
    const next = await t.gql('query($after: String) { members(first: 1, after: $after) { nodes { code } } }', {
      after: first.data!.members.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
  });

  it('bounds the query text, its tokens, its selections and the variables before parsing, and stays quick meanwhile', async () => {
    const refusedQuickly = async (body: unknown, domainCode: string) => {
      const started = Date.now();
      const res = await t
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send(body as object);
      const ms = Date.now() - started;
      expect({ domainCode, status: res.status, extensions: res.body.errors?.[0]?.extensions }).toMatchObject({
        domainCode,
        status: 400,
        extensions: { code: 'BAD_USER_INPUT', domainCode },
      });
      return { ms, error: res.body.errors[0] };
    };
    // A million __typename (11 MB): refused by the lexer at the 10 001st token, not parsed.
    const million = `{ ${'__typename '.repeat(1_000_000)}}`;
    expect((await refusedQuickly({ query: million }, 'QUERY_TOO_LONG')).error.extensions).toMatchObject({
      limit: 100_000,
      actual: million.length,
    });
    const tokens = await refusedQuickly({ query: `{ ${'a '.repeat(12_000)}}` }, 'TOO_MANY_TOKENS');
    expect(tokens.error.extensions).toMatchObject({ limit: 10_000 });
    // In the reader's language, the codes and figures unchanged.
    const french = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('accept-language', 'fr')
      .send({ query: `{ ${'a '.repeat(12_000)}}` });
    expect(french.status).toBe(400);
    expect(french.headers['content-language']).toBe('fr');
    expect(french.body.errors[0].message).toBe(translate('fr', 'errors.TOO_MANY_TOKENS'));
    expect(french.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'TOO_MANY_TOKENS', limit: 10_000 });
    expect(french.body.errors[0].message).not.toBe(tokens.error.message);
    // Few tokens, a million selections: ten fragments each spreading the previous one ten times.
    const nested = Array.from({ length: 6 }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i} `.repeat(10)}}`).join(' ');
    const selections = await refusedQuickly({ query: `{ ...F6 } fragment F0 on Query { __typename } ${nested}` }, 'TOO_MANY_SELECTIONS');
    expect(selections.error.extensions).toMatchObject({ limit: 1_000 });
    // 8 MB of variables the operation does not use; and variables nested past 16 levels.
    const unused = Object.fromEntries(Array.from({ length: 400_000 }, (_, i) => [`v${i}`, 'abcdefgh']));
    const variables = await refusedQuickly({ query: '{ __typename }', variables: unused }, 'TOO_MANY_VARIABLE_VALUES');
    expect(variables.error.extensions).toMatchObject({ limit: 10_000 });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    await refusedQuickly({ query: '{ __typename }', variables: { deep } }, 'VARIABLES_TOO_DEEP');
    // Within the bounds: 500 selections are answered (graphql-js itself gives up comparing more
    // than 500 000 pairs of fields of one name: a thousand __typename would fail its validation).
    const five100 = `{ ${'__typename '.repeat(497)} members(first: 1) { nodes { code } } }`;
    expect((await t.gql(five100)).errors).toBeUndefined();

    // While huge requests keep arriving, a small one is answered in well under a second.
    const flood = Array.from({ length: 8 }, () =>
      t
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: `{ ${'__typename '.repeat(200_000)}}` }),
    );
    const started = Date.now();
    const small = await t.gql('{ members(first: 1) { nodes { code } } }');
    const smallMs = Date.now() - started;
    const flooded = await Promise.all(flood);
    expect(small.errors).toBeUndefined();
    expect(flooded.map((r) => r.body.errors[0].extensions.domainCode)).toEqual(Array(8).fill('QUERY_TOO_LONG'));
    expect(smallMs).toBeLessThan(1_000);
  });

  it('refuses batched HTTP requests', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ __typename } # ${'x'.repeat(36 * 1024 * 1024)}` });
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
