// The loader: truncate and reload in one transaction, the big tables' secondary indexes and
// constraints set aside during the bulk insert (INSERT … SELECT … FROM json_to_recordset) and
// rebuilt after it, so that every row is still checked against them before the commit.
import { startOfDay } from '@app/procedure';
import type { Client } from 'pg';
import { bulkInsert } from '../lib/bulk';
import { Progress, note } from '../lib/progress';
import { HOUR } from './clock';
import type { Generated } from './generate';

const BULK_TABLES = [
  'disputes',
  'dispute_parties',
  'dispute_stage_periods',
  'deadlines',
  'docket_entries',
  'documents',
  'document_contents',
];

interface SetAside {
  constraints: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Drops the unique and foreign-key constraints of `tables` and their other secondary indexes (not
 * the primary keys), read from the catalogue so that a new migration's indexes are handled too;
 * {@link restoreIndexes} puts back exactly the same definitions.
 */
async function setAsideIndexes(client: Client, tables: readonly string[]): Promise<SetAside> {
  const constraints = (
    await client.query(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND c.contype IN ('u', 'f')
        ORDER BY c.contype DESC, c.conname`,
      [tables],
    )
  ).rows as SetAside['constraints'];
  const indexes = (
    await client.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname`,
      [tables],
    )
  ).rows as SetAside['indexes'];
  // Foreign keys first (u sorts after f in DESC order, so the unique constraints go last).
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  return { constraints, indexes };
}

async function restoreIndexes(client: Client, set: SetAside): Promise<void> {
  for (const i of set.indexes) await client.query(i.definition);
  // Unique constraints before the foreign keys that may rely on them.
  for (const c of [...set.constraints].reverse()) {
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`);
  }
}

/**
 * Empties every table of the public schema but `migrations` and the append-only audit trail (its
 * triggers refuse TRUNCATE since migration AuditAnchors; the data set writes none of it), with
 * RESTART IDENTITY so that DS numbers start at 1 again. Inside the caller's transaction.
 */
export async function truncateAll(client: Client): Promise<void> {
  const tables: string[] = (
    await client.query(
      `SELECT t.tablename FROM pg_tables t
        WHERE t.schemaname = 'public' AND t.tablename <> 'migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = format('public.%I', t.tablename)::regclass AND g.tgtype & 32 <> 0)
        ORDER BY t.tablename`,
    )
  ).rows.map((r: { tablename: string }) => r.tablename);
  await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  await client.query('ALTER SEQUENCE dispute_number_seq RESTART WITH 1');
}

/** Inserts the generated rows into the emptied tables, inside the caller's transaction. */
export async function insertAll(client: Client, g: Generated, passwordHash: string): Promise<void> {
  const { world, elections, docs, disputeRows, partyRows, periodRows, deadlineRows, docketRows, timetableRows } = g;
  // Secondary indexes, unique and foreign-key constraints of the big tables are set aside and
  // rebuilt after the load, in this transaction: built in bulk, and validated on every row then.
  const deferred = await setAsideIndexes(client, BULK_TABLES);
  const totalRows =
    world.closedDays.length +
    world.members.length +
    world.users.length +
    world.persons.length +
    disputeRows.length +
    partyRows.length +
    periodRows.length +
    deadlineRows.length +
    docketRows.length +
    docs.documents.length * 2 +
    elections.elections.length +
    elections.candidates.length +
    elections.electors.length +
    elections.votes.length +
    elections.ballots.length +
    elections.panelSeats.length +
    world.meetings.length +
    timetableRows.length;
  const bar = new Progress('rows inserted', totalRows);
  const ins = async (table: string, cols: [string, string][], rows: Record<string, unknown>[], batch?: number) => {
    const t0 = Date.now();
    await bulkInsert(client, table, cols, rows, { progress: bar, batch });
    if (process.env.BENCH_DEBUG) note(`    ${table}: ${rows.length} rows in ${Date.now() - t0} ms`);
  };
  await ins(
    'closed_days',
    [
      ['day', 'date'],
      ['reason', 'text'],
    ],
    world.closedDays,
  );
  await ins(
    'body_meetings',
    [
      ['id', 'uuid'],
      ['held_on', 'date'],
      ['recorded_at', 'timestamptz'],
      ['present_members', 'text[]'],
      ['attendance_recorded_at', 'timestamptz'],
    ],
    world.meetings.map((m) => ({
      id: m.id,
      held_on: m.heldOn,
      recorded_at: m.convenedAt,
      present_members: m.present,
      attendance_recorded_at: m.present ? new Date(startOfDay(m.heldOn).getTime() + 9 * HOUR) : null,
    })),
  );
  await ins(
    'members',
    [
      ['id', 'uuid'],
      ['code', 'char(3)'],
      ['name', 'text'],
      ['joined_on', 'date'],
      ['status', 'text'],
      ['version', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    world.members.map((m) => ({
      id: m.id,
      code: m.code,
      name: m.name,
      joined_on: m.joinedOn,
      status: 'ACTIVE',
      version: 1,
      created_at: startOfDay(m.joinedOn),
      updated_at: startOfDay(m.joinedOn),
    })),
  );
  await ins(
    'users',
    [
      ['id', 'uuid'],
      ['email', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['role', 'text'],
      ['member_id', 'uuid'],
      ['active', 'boolean'],
      ['version', 'int'],
    ],
    world.users.map((u) => ({
      id: u.id,
      email: u.email,
      display_name: u.displayName,
      password_hash: passwordHash,
      role: u.role,
      member_id: u.memberId,
      active: true,
      version: 1,
    })),
  );
  await ins(
    'roster_persons',
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['nationality', 'char(3)'],
      ['expertise', 'text[]'],
      ['languages', 'text[]'],
      ['available', 'boolean'],
      ['status', 'text'],
      ['nominated_by_member_id', 'uuid'],
      ['user_id', 'uuid'],
      ['decision_reason', 'text'],
      ['decided_at', 'timestamptz'],
      ['version', 'int'],
      ['created_at', 'timestamptz'],
    ],
    world.persons.map((p) => ({
      id: p.id,
      name: p.name,
      nationality: p.nationality,
      expertise: p.expertise,
      languages: p.languages,
      available: p.available,
      status: p.status,
      nominated_by_member_id: p.nominatedBy,
      user_id: p.userId,
      decision_reason: p.decisionReason,
      decided_at: p.decidedAt,
      version: p.status === 'NOMINATED' ? 1 : 2,
      created_at: p.createdAt,
    })),
  );
  // `number` is left to its default, nextval('dispute_number_seq'): rows go in filing order.
  await ins(
    'disputes',
    [
      ['id', 'uuid'],
      ['title', 'text'],
      ['summary', 'text'],
      ['measures', 'text[]'],
      ['legal_basis', 'text[]'],
      ['urgent', 'boolean'],
      ['stage', 'text'],
      ['stage_entered_at', 'timestamptz'],
      ['stage_before_suspension', 'text'],
      ['suspended_at', 'timestamptz'],
      ['good_offices', 'boolean'],
      ['good_offices_since', 'timestamptz'],
      ['body_meetings_since_panel_request', 'int'],
      ['agreements', 'jsonb'],
      ['events', 'jsonb'],
      ['rpt_ends_on', 'date'],
      ['compliance_round', 'int'],
      ['filed_at', 'timestamptz'],
      ['version', 'int'],
      ['created_at', 'timestamptz'],
    ],
    disputeRows,
  );
  await ins(
    'timetable_steps',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['kind', 'text'],
      ['position', 'int'],
      ['due_date', 'date'],
      ['created_at', 'timestamptz'],
    ],
    timetableRows,
    10_000,
  );
  await ins(
    'dispute_parties',
    [
      ['dispute_id', 'uuid'],
      ['member_id', 'uuid'],
      ['kind', 'text'],
      ['joined_at', 'timestamptz'],
      ['consultations_status', 'text'],
      ['panel_joined_at', 'timestamptz'],
    ],
    partyRows,
    10_000,
  );
  await ins(
    'dispute_stage_periods',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['stage', 'text'],
      ['entered_at', 'timestamptz'],
      ['left_at', 'timestamptz'],
    ],
    periodRows,
    10_000,
  );
  await ins(
    'deadlines',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['rule', 'text'],
      ['base_date', 'date'],
      ['due_date', 'date'],
      ['status', 'text'],
      ['paused_remaining_days', 'int'],
      ['opened_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
    ],
    deadlineRows,
    10_000,
  );
  await ins(
    'documents',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['kind', 'text'],
      ['title', 'text'],
      ['file_name', 'text'],
      ['media_type', 'text'],
      ['size_bytes', 'int'],
      ['sha256', 'char(64)'],
      ['filed_by_id', 'uuid'],
      ['filed_for_member_id', 'uuid'],
      ['filed_at', 'timestamptz'],
      ['classification', 'text'],
      ['derestricted_at', 'timestamptz'],
      ['idempotency_key', 'text'],
      ['reader_ids', 'uuid[]'],
    ],
    docs.documents,
  );
  await ins(
    'document_contents',
    [
      ['document_id', 'uuid'],
      ['content', 'bytea'],
    ],
    docs.contents,
    10_000,
  );
  await ins(
    'docket_entries',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['seq', 'int'],
      ['occurred_at', 'timestamptz'],
      ['actor_id', 'uuid'],
      ['actor_role', 'text'],
      ['kind', 'text'],
      ['text', 'text'],
      ['document_ids', 'uuid[]'],
      ['corrects_id', 'uuid'],
    ],
    docketRows,
    10_000,
  );
  await ins(
    'elections',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['kind', 'text'],
      ['seats', 'int'],
      ['status', 'text'],
      ['rules', 'text'],
      ['quorum_percent', 'int'],
      ['opens_at', 'timestamptz'],
      ['closes_at', 'timestamptz'],
      ['seed_hash', 'char(64)'],
      ['seed', 'text'],
      ['electorate_size', 'int'],
      ['turnout', 'int'],
      ['result', 'jsonb'],
      ['closed_at', 'timestamptz'],
      ['version', 'int'],
      ['created_at', 'timestamptz'],
    ],
    elections.elections,
    20,
  );
  await ins(
    'election_candidates',
    [
      ['election_id', 'uuid'],
      ['person_id', 'uuid'],
      ['position', 'int'],
    ],
    elections.candidates,
    10_000,
  );
  await ins(
    'election_electors',
    [
      ['election_id', 'uuid'],
      ['member_id', 'uuid'],
    ],
    elections.electors,
    10_000,
  );
  await ins(
    'election_votes',
    [
      ['election_id', 'uuid'],
      ['member_id', 'uuid'],
    ],
    elections.votes,
    10_000,
  );
  await ins(
    'ballots',
    [
      ['id', 'uuid'],
      ['election_id', 'uuid'],
      ['receipt', 'text'],
      ['ranking', 'uuid[]'],
    ],
    elections.ballots,
    10_000,
  );
  await ins(
    'panel_seats',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['user_id', 'uuid'],
      ['person_id', 'uuid'],
      ['election_id', 'uuid'],
      ['elected_rank', 'int'],
      ['chair', 'boolean'],
      ['seated_at', 'timestamptz'],
      ['vacated_at', 'timestamptz'],
      ['vacated_reason', 'text'],
    ],
    elections.panelSeats,
  );
  const rebuildStarted = Date.now();
  await restoreIndexes(client, deferred);
  if (process.env.BENCH_DEBUG) note(`    indexes and constraints rebuilt in ${Date.now() - rebuildStarted} ms`);
  // DS numbers follow filing order, as nextval gave them one by one.
  const [{ misordered }] = (
    await client.query(
      `SELECT count(*)::int AS misordered FROM (SELECT number, lag(number) OVER (ORDER BY filed_at, id) AS previous FROM disputes) x
        WHERE previous IS NOT NULL AND number <= previous`,
    )
  ).rows;
  if (misordered) throw new Error(`dispute numbers are not in filing order (${misordered} rows)`);
  bar.finish();
}
