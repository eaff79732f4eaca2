// The practical limit of the docket list: a bare fastify + pg endpoint that runs exactly the SQL
// statements the API runs for the same request (captured from the API and handed over by
// bench/run.ts) and serialises the same JSON, with none of Nest, GraphQL, class-validator or
// TypeORM in between. It still checks the access token (HS256, issuer, audience, expiry) and runs
// the API's user lookup, as the API's guard does.
//
// Started by bench/run.ts as a child process (fork, IPC): it receives a RawServerConfig, listens
// on a free port on 127.0.0.1 and answers with { port }. bench/raw-cluster.ts runs N of them on
// one port (node's cluster), as the API runs with WEB_CONCURRENCY=N.
//   POST /graphql  the docket list, body { query, variables } like the API's (query ignored);
//                  answers the `data` object of the API's answer
//   POST /trace    the same, answering { data, statements }: every statement with its parameters,
//                  so that run.ts can check they are the API's own
//   POST /replay/:name  an anonymous public read (the docket list, a dispute page): the statements
//                  the API ran for it on a cache miss, all at once, then the API's own body as it
//                  was captured (no mapping, no serialisation: faster than any real endpoint, so
//                  the API's ratio against it is a lower bound)
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { Pool, types } from 'pg';
import { DEADLINE_RULES, STAGE_LABELS, type DeadlineRuleCode, type Stage } from '@app/procedure';

export interface RawTemplates {
  /** The guard's user lookup. */
  user: string;
  /** The disputes list per filter and page: `stage:first`, `stage:after`, `member:first`, `member:after`. */
  list: Record<string, string>;
  /** A member by its code (the member filter resolves it through core first). */
  memberByCode: string;
  /** The parties of a page of disputes, with their members. */
  parties: string;
  nextDeadlines: string;
}

export interface RawServerConfig {
  databaseUrl: string;
  poolSize: number;
  jwtSecret: string;
  issuer: string;
  audience: string;
  templates: RawTemplates;
  /** Anonymous public reads, by name: the API's statements for it and its body. */
  replays?: Record<string, RawReplay>;
  /** The port to listen on (a free one if unset); bench/raw-cluster.ts gives its processes one to share. */
  port?: number;
}

export interface RawReplay {
  statements: { sql: string; parameters: unknown[] }[];
  body: string;
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, any>[]>;

// A DATE as the API gives it: 'YYYY-MM-DD', not a Date at local midnight.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

class Unauthorized extends Error {}
class BadRequest extends Error {}

/** The claims of a valid HS256 access token, or an error (what passport-jwt checks). */
function verifyToken(header: string | undefined, config: RawServerConfig): { sub: string; sid: string } {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const [head, payload, signature] = token.split('.');
  if (!head || !payload || !signature) throw new Unauthorized('no token');
  const expected = createHmac('sha256', config.jwtSecret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Unauthorized('bad signature');
  const alg = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).alg;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (alg !== 'HS256' || claims.iss !== config.issuer || claims.aud !== config.audience) throw new Unauthorized('wrong token');
  if (typeof claims.exp !== 'number' || claims.exp <= Math.floor(Date.now() / 1000)) throw new Unauthorized('expired');
  return claims;
}

/** The docket list, as the API computes it, through `query`. */
export async function docketList(
  body: { variables?: { filter?: { stage?: string; member?: string }; first?: number; after?: string } },
  authorization: string | undefined,
  config: RawServerConfig,
  query: Query,
): Promise<unknown> {
  const t = config.templates;
  const claims = verifyToken(authorization, config);
  // The user of the token's sign-in, as the API reads them (libs/core/src/auth/jwt.strategy.ts).
  const [user] = await query(t.user, [claims.sub, claims.sid]);
  if (!user || !user.active) throw new Unauthorized('no such user');

  const v = body.variables ?? {};
  const first = v.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new BadRequest('first must be 1 to 100');
  const filter = v.filter ?? {};
  let key: string;
  let params: unknown[];
  if (filter.stage && !filter.member) {
    key = 'stage';
    params = [filter.stage];
  } else if (filter.member && !filter.stage) {
    key = 'member';
    // The API's MembersService.idsByCodes: the codes as one array parameter.
    const [member] = await query(t.memberByCode, [[filter.member]]);
    const memberId = member?.id ?? null;
    params = [memberId, ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY']];
  } else {
    throw new BadRequest('the raw endpoint knows the stage and member filters only');
  }
  if (v.after) {
    const cursor = JSON.parse(Buffer.from(v.after, 'base64url').toString('utf8'));
    if (!Array.isArray(cursor) || cursor.length !== 2) throw new BadRequest('bad cursor');
    params.push(String(cursor[0]), String(cursor[1]));
  }
  params.push(first + 1);
  const rows = await query(t.list[`${key}:${v.after ? 'after' : 'first'}`], params);
  const page = rows.slice(0, first);
  const ids = page.map((r) => r.id as string);
  const [parties, deadlines] = ids.length
    ? await Promise.all([query(t.parties, [ids, ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY']]), query(t.nextDeadlines, [ids])])
    : [[], []];
  const partiesOf = new Map<string, Record<string, any>[]>(ids.map((id) => [id, []]));
  for (const p of parties) partiesOf.get(p.dispute_id)?.push(p);
  const nextOf = new Map(deadlines.map((d) => [d.dispute_id as string, d]));
  const edges = page.map((r) => {
    const filedAt = (r.filed_at as Date).toISOString();
    const next = nextOf.get(r.id);
    const rule = next ? DEADLINE_RULES[next.rule as DeadlineRuleCode] : null;
    return {
      cursor: base64url(JSON.stringify([filedAt, r.id])),
      node: {
        id: r.id,
        docketNumber: `DS${r.number}`,
        title: r.title,
        stage: r.stage,
        stageLabel: STAGE_LABELS[r.stage as Stage],
        urgent: r.urgent,
        filedAt,
        parties: (partiesOf.get(r.id) ?? []).map((p) => ({
          kind: p.kind,
          joinedAt: (p.joined_at as Date).toISOString(),
          member: { code: p.m_code, name: p.m_name },
        })),
        nextDeadline:
          next && rule ? { rule: next.rule, article: rule.article, binds: rule.binds, dueDate: next.due_date, status: next.status } : null,
      },
    };
  });
  return {
    disputes: {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    },
  };
}

export async function startRawServer(config: RawServerConfig): Promise<{ port: number; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.poolSize, application_name: 'bench-raw' });
  const query: Query = async (sql, params) => (await pool.query(sql, params)).rows;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const answer = async (
    req: { body: unknown; headers: Record<string, string | string[] | undefined> },
    reply: { code: (n: number) => unknown },
    run: Query,
  ) => {
    try {
      return await docketList(req.body as never, req.headers.authorization as string | undefined, config, run);
    } catch (error) {
      if (error instanceof Unauthorized) reply.code(401);
      else if (error instanceof BadRequest) reply.code(400);
      else reply.code(500);
      return { error: (error as Error).message };
    }
  };
  app.post('/graphql', (req, reply) => answer(req, reply, query));
  app.post<{ Params: { name: string } }>('/replay/:name', async (req, reply) => {
    const replay = config.replays?.[req.params.name];
    if (!replay) return reply.code(404).send({ error: 'no such replay' });
    await Promise.all(replay.statements.map((s) => query(s.sql, s.parameters)));
    return reply.type('application/json; charset=utf-8').send(replay.body);
  });
  app.post('/trace', async (req, reply) => {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const traced: Query = (sql, params) => {
      statements.push({ sql, parameters: [...params] });
      return query(sql, params);
    };
    const data = await answer(req, reply, traced);
    return { data, statements };
  });
  await app.listen({ port: config.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

// As a child of bench/run.ts: the configuration comes over IPC, the port goes back.
if (require.main === module) {
  let server: { close: () => Promise<void> } | null = null;
  process.on('message', (message: { config?: RawServerConfig; stop?: boolean }) => {
    if (message.config) {
      startRawServer(message.config).then(
        (started) => {
          server = started;
          process.send?.({ port: started.port });
        },
        (error) => {
          process.send?.({ error: String((error as Error).stack ?? error) });
          process.exit(1);
        },
      );
    }
    if (message.stop) void (server?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}
