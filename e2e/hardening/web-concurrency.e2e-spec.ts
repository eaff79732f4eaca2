import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { MemberEntity, UserEntity } from '@app/core';
import { freePort } from '../setup/test-database';
import { createMember, createUser } from '../utils/factories';
import { rawRequest } from '../utils/raw-http';
import { TestApp, startTestApp, testSecrets } from '../utils/test-app';

/*
 * WEB_CONCURRENCY (README, "Operations"): `node dist/apps/api/src/main.js`, as `npm start` runs it,
 * with two API processes on one port (node's cluster), on this file's database. Two distinct
 * processes answer on the one port; a write on one is read on the other at once (the cache of
 * public answers included); /metrics counts the requests of both; an API process that dies is
 * replaced, and said so; SIGTERM stops every process, exit code 0. API processes that keep dying
 * (more than five restarts in 60 s) stop everything, exit code 1, rather than be forked forever.
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

/** The primary and its API processes: its own process group, so that a failed test kills them all. */
interface Primary {
  proc: ChildProcess;
  /** Everything it and its API processes wrote so far. */
  output: () => string;
  exitCode: Promise<number | null>;
  killAll: () => void;
}

/** dist/ as `npm start` builds it, when it is stale (the cluster forks main.js itself). */
function buildDist(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`scripts/build.js failed: ${build.stderr}`);
}

/** `node dist/apps/api/src/main.js` with two API processes on `port`, on `databaseUrl`, once it says it is ready. */
async function startPrimary(databaseUrl: string, port: number): Promise<Primary> {
  let output = '';
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
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
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: '2',
      START_WORKER: 'false',
      // The access lines name the process (`pid`) that served each request.
      LOG_LEVEL: 'log',
      METRICS_ALLOW_LOCAL: 'true',
    },
  });
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  // The whole group, the primary gone or not: an API process it left behind goes too.
  const killAll = () => {
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // nothing left of the group
    }
  };
  process.on('exit', killAll);
  const deadline = Date.now() + 90_000;
  while (!output.includes('GraphQL API ready')) {
    if (proc.exitCode !== null) throw new Error(`main.js exited with ${proc.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      killAll();
      throw new Error(`main.js was not ready within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, output: () => output, exitCode, killAll };
}

/** The processes the primary forked and still has (`pgrep -P`). */
function childrenOf(pid: number): number[] {
  return spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
}

describe('WEB_CONCURRENCY=2: two API processes on one port', () => {
  let t: TestApp;
  let main: Primary;
  let primary: ChildProcess;
  let port: number;
  let member: MemberEntity;
  let secretariat: UserEntity;

  beforeAll(async () => {
    buildDist();
    t = await startTestApp({ start: new Date().toISOString() });
    member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    port = await freePort();
    main = await startPrimary(t.databaseUrl, port);
    primary = main.proc;
  }, 150_000);

  afterAll(async () => {
    main?.killAll();
    await t?.close();
  });

  /** The pid in the access line of the request `id` (written when its response ended). */
  async function servedBy(id: string): Promise<number> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const line = main
        .output()
        .split('\n')
        .find((l) => l.includes(`"requestId":"${id}"`) && l.includes('"responseTime"'));
      if (line) return JSON.parse(line).pid as number;
      if (Date.now() > deadline) throw new Error(`no access line for ${id}:\n${main.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // GraphQL requests sent, all answered 200: what /metrics must count.
  let graphqlRequests = 0;

  function send(agent: Agent | false, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const id = randomUUID();
    if (path === '/graphql') graphqlRequests += 1;
    return rawRequest({
      port,
      method,
      path,
      agent,
      token,
      headers: { 'x-request-id': id },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async ({ status, text }) => {
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON (/metrics)
      }
      // /metrics writes no access line (README, "Operations"): its pid is not known (0).
      return { status, text, json, pid: path === '/metrics' ? 0 : await servedBy(id) };
    });
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
    while (!main.output().includes(`API process ${victim.pid} exited (signal SIGKILL); starting another`)) {
      if (Date.now() > deadline) throw new Error(`no line about ${victim.pid}:\n${main.output().slice(-3000)}`);
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
    const children = childrenOf(primary.pid!);
    expect(children.length).toBe(2);
    primary.kill('SIGTERM');
    expect(await main.exitCode).toBe(0);
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 30_000);
});

describe('WEB_CONCURRENCY=2: API processes that keep dying', () => {
  let t: TestApp;
  let main: Primary | undefined;

  beforeAll(async () => {
    buildDist();
    t = await startTestApp({ start: new Date().toISOString() });
  }, 60_000);

  afterAll(async () => {
    main?.killAll();
    await t?.close();
  });

  it('stops everything within the window, exit code 1, an error line naming the crash loop, no process left', async () => {
    main = await startPrimary(t.databaseUrl, await freePort());
    const pid = main.proc.pid!;
    // Every API process is killed as soon as it is seen, the replacements too: a crash loop, as a
    // process that fails at every start would make, with nothing in the application to cause it.
    const killed = new Set<number>();
    const killer = setInterval(() => {
      for (const child of childrenOf(pid)) {
        if (killed.has(child)) continue;
        killed.add(child);
        try {
          process.kill(child, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    }, 50);
    let code: number | null;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Within the window of the bound (60 s), or it is no bound.
      code = await Promise.race([
        main.exitCode,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running:\n${main!.output()}`)), 60_000))),
      ]);
    } finally {
      clearInterval(killer);
      clearTimeout(timer);
    }
    const output = main.output();
    expect(code).toBe(1);
    // Six exits (the bound is five restarts in 60 s), each said; the sixth said as the crash loop,
    // at the error level, and the primary says why it stops.
    const lines = output.split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l) as { level: number; msg: string }];
      } catch {
        return []; // not a log line (standard error's)
      }
    });
    const loop = lines.filter((l) => /6 API processes exited within 60 s, a crash loop/.test(l.msg));
    expect(loop.map((l) => l.level)).toEqual([50]);
    expect(lines.filter((l) => /exited \(signal SIGKILL\); starting another$/.test(l.msg)).length).toBe(5);
    expect(output).toContain('6 API processes exited within 60 s (a crash loop), stopping');
    expect(killed.size).toBeGreaterThanOrEqual(6);
    // Nothing of the deployment is left: neither the primary nor any process of its group.
    const group = spawnSync('pgrep', ['-g', String(pid)], { encoding: 'utf8' });
    expect(group.stdout.trim()).toBe('');
    for (const child of killed) expect(() => process.kill(child, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 150_000);
});
