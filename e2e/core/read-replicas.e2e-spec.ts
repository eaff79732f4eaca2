import { MemberEntity, ReadReplicas, UserEntity, advancePublicReadVersion } from '@app/core';
import { HearingEntity } from '@app/hearings';
import { createMember, createUser } from '../utils/factories';
import { fileTextDocument } from '../utils/procedure';
import { ReplicatedPostgres, startReplicatedPostgres } from '../utils/replicated-postgres';
import { GqlResult, TestApp, startTestApp } from '../utils/test-app';

// The first member by code: China (Pakistan, the respondent of the dispute below, comes after it).
const MEMBERS = `query { members(first: 1) { nodes { code name } } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { name version } }`;

/**
 * Read replicas (README, "Running on several machines"): the API on a primary with a real
 * streaming replica (DATABASE_READ_URLS). Which server answered is told by the data itself: a row
 * changed on the primary by hand, without advancing the version of the public data, and with the
 * replica's replay paused, differs between the two servers, so an answer with the old name came
 * from the replica and one with the new name from the primary. The cache of public answers is off,
 * so every request reads.
 *
 * The same for the public's raw statements (`dataSource.query`): the statistics read the version of
 * their figures that way on every request (a filing date moved by hand advances it, and the years
 * of filing tell which server's version was read), and for the public endpoints outside GraphQL
 * (the feeds, the public calendar), whose answers name the dispute's title, renamed by hand.
 */
describe('read replicas', () => {
  let db: ReplicatedPostgres;
  let app: TestApp;
  let member: MemberEntity;
  let registrar: UserEntity;
  /** The application's JSON log lines (warnings and worse). */
  const logLines: string[] = [];

  const namesIn = (body: GqlResult<Members>) => body.data?.members.nodes.map((m) => m.name);
  type Members = { members: { nodes: { code: string; name: string }[] } };
  const anonymous = async () => namesIn(await app.gql<Members>(MEMBERS));
  const signedIn = async () => namesIn(await app.gql<Members>(MEMBERS, {}, app.tokenFor(registrar)));
  const replicas = () => app.app.get(ReadReplicas);
  /** One sample of the API's /metrics (Prometheus text), 0 when absent. */
  const metric = async (sample: string) => {
    const text = (await app.http().get('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line ? Number(line.slice(sample.length + 1)) : 0;
  };
  /** Renames the member on the primary only as far as the replica can tell: the version of the public data stays. */
  const renameBehindTheVersion = (name: string) =>
    db.onPrimary((client) => client.query('UPDATE members SET name = $1 WHERE id = $2', [name, member.id]));

  let delegate: UserEntity;
  let disputeId: string;
  let docketNumber: string;
  const STATISTICS = `{ statistics { disputesPerYear { year count } } }`;
  type Statistics = { statistics: { disputesPerYear: { year: number; count: number }[] } };
  /** The years of filing in the statistics, as the public (or the holder of `token`) is told them. */
  const yearsFiled = async (token?: string) => {
    const body = await app.gql<Statistics>(STATISTICS, {}, token);
    expect(body.errors).toBeUndefined();
    return body.data!.statistics.disputesPerYear.map((row) => row.year);
  };
  /** The body of a public endpoint's 200 answer, as text whatever its type (Atom, iCalendar, HTML, JSON). */
  const fetchText = async (path: string, token?: string) => {
    const get = app.http().get(path);
    const res = await (token ? get.set('Authorization', `Bearer ${token}`) : get).buffer(true).parse((response, done) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done(null, body));
    });
    expect(res.status).toBe(200);
    return res.body as string;
  };
  /** Moves the dispute's filing back by `years` on the primary only as far as the replica can tell: the version of the public data stays (the statistics' own advances). */
  const refileBehindTheVersion = (years: number) =>
    db.onPrimary((client) =>
      client.query(`UPDATE disputes SET filed_at = filed_at - make_interval(years => $1) WHERE id = $2`, [years, disputeId]),
    );
  /** The public endpoints outside GraphQL that name the dispute's title. */
  const endpoints = () => [`/feeds/disputes/${docketNumber}.atom`, '/feeds/hearings.atom', '/calendar/public.ics'];

  beforeAll(async () => {
    db = await startReplicatedPostgres();
    app = await startTestApp({
      databaseUrl: db.appUrl,
      env: { DATABASE_READ_URLS: db.replicaAppUrl, PUBLIC_CACHE_ENTRIES: '0', LOG_LEVEL: 'warn', METRICS_ALLOW_LOCAL: 'true' },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    member = await createMember(app.db, { code: 'CHN', name: 'China' });
    registrar = await createUser(app.db, { role: 'SECRETARIAT' });
    await createMember(app.db, { code: 'PAK', name: 'Pakistan' });
    delegate = await createUser(app.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    const filed = await app.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id docketNumber } }`,
      {},
      app.tokenFor(delegate),
    );
    expect(filed.errors).toBeUndefined();
    ({ id: disputeId, docketNumber } = filed.data!.requestConsultations as { id: string; docketNumber: string });
    // A hearing open to public observation, written as a factory (scheduling itself: e2e/hearings).
    const hearings = app.db.getRepository(HearingEntity);
    await hearings.save(
      hearings.create({
        disputeId,
        kind: 'FIRST_SUBSTANTIVE_MEETING',
        status: 'SCHEDULED',
        startsAt: new Date('2026-04-01T08:00:00Z'),
        endsAt: new Date('2026-04-01T12:00:00Z'),
        timeZone: 'Europe/Zurich',
        roomId: null,
        virtualLink: 'https://private.example/session',
        publicObservation: true,
        scheduledById: registrar.id,
      }),
    );
    await db.onPrimary((client) => advancePublicReadVersion(client));
    await db.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.stop();
  });

  it('serves anonymous reads from the replica once it holds the version, and signed-in reads from the primary', async () => {
    await db.pauseReplay();
    await renameBehindTheVersion('China (primary)');
    const before = { ...replicas().counts };
    const routed = await metric('dsb_read_replica_routes_total{route="replica"}');

    expect(await anonymous()).toEqual(['China']);
    expect(replicas().counts.replicaConnections).toBeGreaterThan(before.replicaConnections);
    expect(await metric('dsb_read_replica_routes_total{route="replica"}')).toBe(routed + 1);
    expect(await signedIn()).toEqual(['China (primary)']);
    // The public pages run their queries anonymously in the process: from the replica too.
    const page = await app.http().get('/members');
    expect(page.status).toBe(200);
    expect(page.text).toContain('China');
    expect(page.text).not.toContain('China (primary)');

    await db.resumeReplay();
    await db.caughtUp();
    expect(await anonymous()).toEqual(['China (primary)']);
  });

  it('leaves an anonymous read on the primary while the replica is behind the version, and uses the replica again once it caught up', async () => {
    await db.pauseReplay();
    // A command (on the primary: a read-only replica would refuse it) advances the version the replica has not replayed.
    const [{ version }] = await db.onPrimary(
      async (client) => (await client.query<{ version: number }>('SELECT version FROM members WHERE id = $1', [member.id])).rows,
    );
    const updated = await app.gql(
      UPDATE_MEMBER,
      { input: { id: member.id, version, name: 'China (by command)' } },
      app.tokenFor(registrar),
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMember.name).toBe('China (by command)');

    const behind = replicas().counts.behind;
    const connections = replicas().counts.replicaConnections;
    const onPrimary = await metric('dsb_read_replica_routes_total{route="primary"}');
    // Read your writes: the replica still says "China (primary)", the answer has the command's name.
    expect(await anonymous()).toEqual(['China (by command)']);
    expect(replicas().counts.behind).toBe(behind + 1);
    expect(replicas().counts.replicaConnections).toBe(connections);
    expect(await metric('dsb_read_replica_routes_total{route="primary"}')).toBe(onPrimary + 1);
    expect((await app.http().get('/members')).text).toContain('China (by command)');
    await db.onReplica(async (client) => {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM members WHERE id = $1', [member.id]);
      expect(rows[0].name).toBe('China (primary)');
    });

    await db.resumeReplay();
    await db.caughtUp();
    await db.pauseReplay();
    await renameBehindTheVersion('China (primary again)');
    expect(await anonymous()).toEqual(['China (by command)']);
    expect(replicas().counts.replicaConnections).toBeGreaterThan(connections);
    expect(await signedIn()).toEqual(['China (primary again)']);
    await db.resumeReplay();
  });

  it("serves the public's raw reads, the feeds, the public calendar and the pages from the replica once it holds the version; a signed-in request's from the primary", async () => {
    await db.caughtUp();
    // Read once caught up: the statistics' summary is kept at the version both servers hold.
    const [year] = await yearsFiled();
    await db.pauseReplay();
    await db.onPrimary((client) => client.query('UPDATE disputes SET title = $1 WHERE id = $2', ['Fruit (primary)', disputeId]));
    await refileBehindTheVersion(3);

    const connections = replicas().counts.replicaConnections;
    const routed = await metric('dsb_read_replica_routes_total{route="replica"}');
    // The statistics' version is a raw read: the replica's still matches the summary kept before the pause.
    expect(await yearsFiled()).toEqual([year]);
    for (const path of endpoints()) {
      const text = await fetchText(path);
      expect(text).toContain('Fruit');
      expect(text).not.toContain('Fruit (primary)');
    }
    expect(await metric('dsb_read_replica_routes_total{route="replica"}')).toBe(routed + 1 + endpoints().length);
    expect(replicas().counts.replicaConnections).toBeGreaterThan(connections);
    // The public pages: the statistics' data and a dispute's page.
    const page = JSON.parse(await fetchText('/statistics?format=json')) as { data: Statistics };
    expect(page.data.statistics.disputesPerYear.map((row) => row.year)).toEqual([year]);
    const disputePage = await fetchText(`/disputes/${docketNumber}`);
    expect(disputePage).toContain('Fruit');
    expect(disputePage).not.toContain('Fruit (primary)');

    // Signed in: every read on the primary, raw ones included, on GraphQL and on the public endpoints alike.
    const token = app.tokenFor(registrar);
    const onReplica = replicas().counts.replicaConnections;
    expect(await yearsFiled(token)).toEqual([year - 3]);
    for (const path of endpoints()) expect(await fetchText(path, token)).toContain('Fruit (primary)');
    expect(replicas().counts.replicaConnections).toBe(onReplica);

    await db.resumeReplay();
    await db.caughtUp();
    expect(await yearsFiled()).toEqual([year - 3]);
    for (const path of endpoints()) expect(await fetchText(path)).toContain('Fruit (primary)');
    expect(replicas().counts.replicaConnections).toBeGreaterThan(onReplica);
  });

  it("leaves the public's raw reads and the feeds on the primary while the replica is behind a command (read your writes)", async () => {
    const [year] = await yearsFiled();
    await db.pauseReplay();
    await refileBehindTheVersion(3);
    // A command the replica has not replayed: the version of the public data moves past it.
    await fileTextDocument(app, app.tokenFor(delegate), disputeId, 'Filed while the replica is behind', 'PUBLIC');

    const behind = replicas().counts.behind;
    const connections = replicas().counts.replicaConnections;
    expect(await yearsFiled()).toEqual([year - 3]);
    expect(await fetchText(`/feeds/disputes/${docketNumber}.atom`)).toContain('Filed while the replica is behind');
    expect(await fetchText('/feeds/docket.atom')).toContain('Filed while the replica is behind');
    expect(replicas().counts.behind).toBe(behind + 3);
    expect(replicas().counts.replicaConnections).toBe(connections);

    await db.resumeReplay();
    await db.caughtUp();
    expect(await fetchText('/feeds/docket.atom')).toContain('Filed while the replica is behind');
    expect(replicas().counts.replicaConnections).toBeGreaterThan(connections);
  });

  it('still answers, from the primary, when the replica is down', async () => {
    await db.stopReplica();
    const down = replicas().counts.down;
    const connections = replicas().counts.replicaConnections;
    expect(await anonymous()).toEqual(['China (primary again)']);
    expect(await anonymous()).toEqual(['China (primary again)']);
    // The feeds too, raw reads and all.
    expect(await fetchText(`/feeds/disputes/${docketNumber}.atom`)).toContain('Filed while the replica is behind');
    expect(replicas().counts.down).toBeGreaterThan(down);
    expect(await metric('dsb_read_replica_failures_total')).toBeGreaterThan(0);
    expect(replicas().counts.replicaConnections).toBe(connections);
    expect(await signedIn()).toEqual(['China (primary again)']);
    // Logged for the operator, without the replica's credentials.
    const warnings = logLines
      .map((line) => JSON.parse(line) as { context?: string; msg: string })
      .filter((l) => l.context === 'ReadReplicas');
    expect(warnings.some((line) => /Read replica 1 is unreachable .*primary/.test(line.msg))).toBe(true);
    const password = decodeURIComponent(new URL(db.replicaAppUrl).password);
    expect(logLines.join('')).not.toContain(password);
  });
});
