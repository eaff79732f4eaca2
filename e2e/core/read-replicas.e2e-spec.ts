import { MemberEntity, ReadReplicas, UserEntity, advancePublicReadVersion } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { ReplicatedPostgres, startReplicatedPostgres } from '../utils/replicated-postgres';
import { GqlResult, TestApp, startTestApp } from '../utils/test-app';

const MEMBERS = `query { members(first: 5) { nodes { code name } } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { name version } }`;

/**
 * Read replicas (README, "Running on several machines"): the API on a primary with a real
 * streaming replica (DATABASE_READ_URLS). Which server answered is told by the data itself: a row
 * changed on the primary by hand, without advancing the version of the public data, and with the
 * replica's replay paused, differs between the two servers, so an answer with the old name came
 * from the replica and one with the new name from the primary. The cache of public answers is off,
 * so every request reads.
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

  beforeAll(async () => {
    db = await startReplicatedPostgres();
    app = await startTestApp({
      databaseUrl: db.appUrl,
      env: { DATABASE_READ_URLS: db.replicaAppUrl, PUBLIC_CACHE_ENTRIES: '0', LOG_LEVEL: 'warn', METRICS_ALLOW_LOCAL: 'true' },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    member = await createMember(app.db, { code: 'CHN', name: 'China' });
    registrar = await createUser(app.db, { role: 'SECRETARIAT' });
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

  it('still answers, from the primary, when the replica is down', async () => {
    await db.stopReplica();
    const down = replicas().counts.down;
    const connections = replicas().counts.replicaConnections;
    expect(await anonymous()).toEqual(['China (primary again)']);
    expect(await anonymous()).toEqual(['China (primary again)']);
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
