import { Client } from 'pg';

/**
 * The two database roles (README, "The audit trail: threat model"):
 *
 * - the owner of the schema runs the migrations (`DATABASE_OWNER_URL`; on the embedded server the
 *   cluster's superuser);
 * - the application connects as a role that owns nothing (`DATABASE_URL`): it reads and writes the
 *   tables, appends to the audit trail, and can neither change nor delete nor truncate its
 *   records, nor switch off the triggers that refuse it (only an owner or a superuser can).
 */

/** The default name of the application's role on the embedded server and in the tests. */
export const APPLICATION_ROLE = 'dispute_body_app';

// Tables the application only reads and appends to.
const APPEND_ONLY_TABLES = ['audit_log', 'audit_checkpoints'];

/**
 * Creates the application's role on a server where `adminUrl` may create roles (the embedded
 * server, a test server), or brings its password and attributes up to date: a login that is no
 * superuser, creates no database or role and bypasses nothing.
 */
export async function ensureApplicationRole(adminUrl: string, role: string, password: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`;
    try {
      await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${quoteIdent(role)} ${attributes}`);
    } catch (error) {
      // Two processes creating it at once (the test setup of parallel runs on one server).
      if (!/already exists/.test((error as Error).message)) throw error;
      await client.query(`ALTER ROLE ${quoteIdent(role)} ${attributes}`);
    }
  } finally {
    await client.end();
  }
}

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** The user a PostgreSQL URL connects as (null when the URL leaves it to the environment). */
export function userOf(url: string): string | null {
  const user = decodeURIComponent(new URL(url).username);
  return user || null;
}

/**
 * Run by the owner after the migrations (each time: new tables get their grants): the
 * application's role may read and write every table and use every sequence, but of the audit
 * trail only read and append; of the migration history only read; the job queue's schema to use.
 * It is given nothing it could own or alter. Refuses a role that is the owner or a member of it.
 */
/**
 * A raw query, whatever runs it (TypeORM's `query`, a pg client's rows): the caller names the
 * shape of the rows it selects, since the driver cannot know it.
 */
export type SqlQuery = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

export async function grantApplicationRole(query: SqlQuery, role: string): Promise<void> {
  const [me] = await query<{ owner: string; member: boolean; superuser: boolean }>(
    `SELECT current_user AS owner, pg_has_role($1, current_user, 'MEMBER') AS member, r.rolsuper AS superuser
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (!me)
    throw new Error(`The application role "${role}" does not exist: create it first (README, "Running against your own PostgreSQL")`);
  if (me.owner === role || me.member) {
    throw new Error(
      `The application role "${role}" is the owner "${me.owner}" or a member of it: it could switch off the audit trail's triggers`,
    );
  }
  if (me.superuser) throw new Error(`The application role "${role}" is a superuser: it could rewrite the audit trail`);
  const r = quoteIdent(role);
  const tables = APPEND_ONLY_TABLES.map(quoteIdent).join(', ');
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${tables} FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "migrations" FROM ${r}`,
  ];
  const [{ jobs }] = await query<{ jobs: boolean }>(`SELECT to_regnamespace('pgboss') IS NOT NULL AS jobs`);
  if (jobs) {
    statements.push(
      `GRANT USAGE ON SCHEMA pgboss TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${r}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${r}`,
    );
  }
  for (const sql of statements) await query(sql);
}

/**
 * What the connected role could do to the audit trail besides appending: empty when it is the
 * unprivileged application role; otherwise a list such as "is a superuser", "owns audit_log".
 */
export async function auditTrailPowers(query: SqlQuery): Promise<{ role: string; powers: string[] }> {
  const rows = await query<{
    role: string;
    superuser: boolean;
    table: string;
    owner: boolean;
    can_update: boolean;
    can_delete: boolean;
    can_truncate: boolean;
    can_trigger: boolean;
  }>(
    `SELECT current_user AS role, r.rolsuper AS superuser, c.relname AS table,
            pg_has_role(current_user, c.relowner, 'MEMBER') AS owner,
            has_table_privilege(c.oid, 'UPDATE') AS can_update,
            has_table_privilege(c.oid, 'DELETE') AS can_delete,
            has_table_privilege(c.oid, 'TRUNCATE') AS can_truncate,
            has_table_privilege(c.oid, 'TRIGGER') AS can_trigger
       FROM pg_roles r
       JOIN pg_class c ON c.relname = ANY($1::text[]) AND c.relnamespace = 'public'::regnamespace
      WHERE r.rolname = current_user`,
    [APPEND_ONLY_TABLES],
  );
  const powers: string[] = [];
  const role = rows[0]?.role ?? 'unknown';
  if (rows[0]?.superuser) powers.push('is a superuser');
  for (const row of rows) {
    if (row.owner) powers.push(`owns ${row.table} (and can switch off its triggers)`);
    const rights = [
      row.can_update && 'UPDATE',
      row.can_delete && 'DELETE',
      row.can_truncate && 'TRUNCATE',
      row.can_trigger && 'TRIGGER',
    ].filter(Boolean);
    if (!row.owner && !row.superuser && rights.length) powers.push(`holds ${rights.join(', ')} on ${row.table}`);
  }
  // PostgreSQL 15 lets a superuser grant the right to set session_replication_role, which
  // switches off ordinary triggers for a session.
  const [{ version }] = await query<{ version: number }>(`SELECT current_setting('server_version_num')::int AS version`);
  if (!rows[0]?.superuser && version >= 150000) {
    const [{ can }] = await query<{ can: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS can`);
    if (can) powers.push('may set session_replication_role (switching triggers off)');
  }
  return { role, powers };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
