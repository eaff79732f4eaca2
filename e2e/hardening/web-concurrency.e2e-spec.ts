import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { MemberEntity, UserEntity } from '@app/core';
import { freePort } from '../setup/test-database';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp, testSecrets } from '../utils/test-app';

/*
 * WEB_CONCURRENCY (README, "Operations"): `node dist/apps/api/src/main.js`, as `npm start` runs it,
 * with two API processes on one port (node's cluster), on this file's database. Two distinct
 * processes answer on the one port; a write on one is read on the other at once (the cache of
 * public answers included); /metrics counts the requests of both; an API process that dies is
 * replaced, and said so; SIGTERM stops every process, exit code 0.
 */

const ROOT = join(__dirname, '..', '..');
const MEMBERS = '{ members(first: 100) { nodes { code name } } }';
const UPDATE = 'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { version name } }';

interface Answer {
  status: number;
  text: string;
  json: any;
  /** The process that served it, from its access line. */
  pid: number;
}

describe('WEB_CONCURRENCY=2: two API processes on one port', () => {
  let t: TestApp;
  let primary: ChildProcess;
  let output = '';
  let port: number;
  let member: MemberEntity;
  let secretariat: UserEntity;
  let exitCode: Promise<number | null>;
  const killAll = () => {
    if (primary?.pid && primary.exitCode === null) process.kill(-primary.pid, 'SIGKILL');
  };

  beforeAll(async () => {
    // dist/ as `npm start` builds it, when it is stale (the cluster forks main.js itself).
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`scripts/build.js failed: ${build.stderr}`);
    t = await startTestApp({ start: new Date().toISOString() });
    member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    port = await freePort();
    process.on('exit', killAll);
    primary = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
      cwd: ROOT,
      // Its own process group: a failed test kills it with its API processes.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...testSecrets(),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: t.databaseUrl,
        WEB_CONCURRENCY: '2',
        START_WORKER: 'false',
        // The access lines name the process (`pid`) that served each request.
        LOG_LEVEL: 'log',
        METRICS_ALLOW_LOCAL: 'true',
      },
    });
    primary.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    primary.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exitCode = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!output.includes('GraphQL API ready')) {
      if (primary.exitCode !== null) throw new Error(`main.js exited with ${primary.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`main.js was not ready within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 150_000);

  afterAll(async () => {
    killAll();
    process.off('exit', killAll);
    await t?.close();
  });

  /** The pid in the access line of the request `id` (written when its response ended). */
  async function servedBy(id: string): Promise<number> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const line = output.split('\n').find((l) => l.includes(`"reqId":"${id}"`) && l.includes('"responseTime"'));
      if (line) return JSON.parse(line).pid as number;
      if (Date.now() > deadline) throw new Error(`no access line for ${id}:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // GraphQL requests sent, all answered 200: what /metrics must count.
  let graphqlRequests = 0;

  function send(agent: Agent | false, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const id = randomUUID();
    if (path === '/graphql') graphqlRequests += 1;
    return new Promise<Omit<Answer, 'pid'>>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          agent,
          headers: { 'content-type': 'application/json', 'x-request-id': id, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: any = null;
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON (/metrics)
            }
            resolve({ status: res.statusCode ?? 0, text, json });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
      // /metrics writes no access line (README, "Operations"): its pid is not known (0).
    }).then(async (answer) => ({ ...answer, pid: path === '/metrics' ? 0 : await servedBy(id) }));
  }

  /** The cheapest request with an access line (the health probes have none: README, "Operations"). */
  const probe = (agent: Agent | false) => send(agent, 'POST', '/graphql', { query: '{ __typename }' });

  /** A kept-alive connection to one API process, and its pid: new connections until one reaches a process not in `not`. */
  async function connectionTo(not: number[]): Promise<{ agent: Agent; pid: number }> {
    for (let i = 0; i < 20; i++) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const { pid, status } = await probe(agent);
      expect(status).toBe(200);
      if (!not.includes(pid)) return { agent, pid };
      agent.destroy();
    }
    throw new Error(`20 connections reached only ${not.join(', ')}`);
  }

  const memberName = async (agent: Agent) => {
    const answer = await send(agent, 'POST', '/graphql', { query: MEMBERS });
    expect(answer.json?.errors).toBeUndefined();
    return {
      name: (answer.json.data.members.nodes as { code: string; name: string }[]).find((m) => m.code === 'KAZ')?.name,
      pid: answer.pid,
    };
  };

  it('answers from two processes; a write on either is read on the other at once; /metrics counts both', async () => {
    const a = await connectionTo([]);
    const b = await connectionTo([a.pid]);
    expect(a.pid).not.toBe(b.pid);
    expect([a.pid, b.pid]).not.toContain(primary.pid);

    let version = member.version;
    const token = t.tokenFor(secretariat);
    for (let round = 1; round <= 6; round++) {
      // Alternately: written on A and read on B, written on B and read on A.
      const [writer, reader] = round % 2 ? [a, b] : [b, a];
      // The reader has the answer before the write in its cache of public answers (asked twice).
      await memberName(reader.agent);
      await memberName(reader.agent);
      const name = `Kazakhstan (${round})`;
      const written = await send(
        writer.agent,
        'POST',
        '/graphql',
        { query: UPDATE, variables: { input: { id: member.id, version, name } } },
        token,
      );
      expect(written.json?.errors).toBeUndefined();
      expect(written.pid).toBe(writer.pid);
      version = written.json.data.updateMember.version;
      const read = await memberName(reader.agent);
      expect(read).toEqual({ name, pid: reader.pid });
    }

    // One scrape, whichever process it reaches, counts the GraphQL requests of both.
    const metrics = await send(false, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    const counted = [...metrics.text.matchAll(/^dsb_http_requests_total\{group="graphql",method="POST",status="200"\} (\d+)$/gm)];
    expect(counted.map((m) => Number(m[1]))).toEqual([graphqlRequests]);
    a.agent.destroy();
    b.agent.destroy();
  }, 60_000);

  it('replaces an API process that dies, and says so', async () => {
    const victim = await connectionTo([]);
    victim.agent.destroy();
    process.kill(victim.pid, 'SIGKILL');
    const deadline = Date.now() + 45_000;
    while (!output.includes(`API process ${victim.pid} exited (signal SIGKILL); starting another`)) {
      if (Date.now() > deadline) throw new Error(`no line about ${victim.pid}:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The replacement listens on the same port: two processes again, neither of them the dead one.
    const first = await connectionTo([victim.pid]);
    const pids = new Set([first.pid]);
    while (pids.size < 2 && Date.now() < deadline) {
      const { pid } = await probe(false);
      if (pid !== victim.pid) pids.add(pid);
      await new Promise((r) => setTimeout(r, 100));
    }
    first.agent.destroy();
    expect(pids.size).toBe(2);
    expect(pids.has(victim.pid)).toBe(false);
  }, 60_000);

  it('stops every process on SIGTERM, exit code 0', async () => {
    const children = spawnSync('pgrep', ['-P', String(primary.pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number);
    expect(children.length).toBe(2);
    primary.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 30_000);
});
