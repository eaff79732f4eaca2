// The generated rows into their tables, in batches (bulk.ts), in the caller's transaction: the
// bench's loader (bench/dataset/load.ts, with the big tables' indexes set aside around it) and the
// demo's (../demo-data.ts) both load a generated data set this way.
import { startOfDay } from '@app/procedure';
import { bulkInsert, type Queryable } from './bulk';
import { HOUR } from './clock';
import type { Generated } from './generate';
import type { User } from './members';
import { Progress, note } from './progress';
import type { RulingRows } from './rulings';
import type { HearingRows } from './hearings';

/** Inserts the generated rows into empty tables (every constraint live), inside the caller's transaction. */
export async function insertRows(client: Queryable, g: Generated, passwordHash: string | ((user: User) => string)): Promise<void> {
  const hashOf = typeof passwordHash === 'string' ? () => passwordHash : passwordHash;
  const { world, elections, docs, disputeRows, partyRows, periodRows, deadlineRows, docketRows, timetableRows } = g;
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
    timetableRows.length +
    [g.rulings, g.hearings].reduce((a, extra) => a + (extra ? Object.values(extra).reduce((n, rows) => n + rows.length, 0) : 0), 0);
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
      password_hash: hashOf(u),
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
      ['size_bytes', 'bigint'],
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
    // A generated document is a few bytes: one chunk (document_chunks).
    'document_chunks',
    [
      ['content_key', 'uuid'],
      ['seq', 'integer'],
      ['bytes', 'bytea'],
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
      ['message', 'text'],
      ['params', 'jsonb'],
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
      ['ballots_published', 'boolean'],
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
  if (g.rulings) await insertRulings(ins, g.rulings);
  if (g.hearings) await insertHearings(ins, g.hearings);
  bar.finish();
}

type Ins = (table: string, cols: [string, string][], rows: Record<string, unknown>[], batch?: number) => Promise<void>;

/** The demo's reports, appeals and adoptions (rulings.ts), after the documents, members and meetings they name. */
async function insertRulings(ins: Ins, r: RulingRows): Promise<void> {
  const uuid = (name: string): [string, string] => [name, 'uuid'];
  const text = (name: string): [string, string] => [name, 'text'];
  const at = (name: string): [string, string] => [name, 'timestamptz'];
  await ins(
    'appellate_members',
    [uuid('id'), text('name'), ['nationality', 'char(3)'], ['active', 'boolean'], at('added_at')],
    r.appellateMembers,
  );
  await ins(
    'reports',
    [
      uuid('id'),
      uuid('dispute_id'),
      text('version'),
      ['proceeding', 'int'],
      text('status'),
      uuid('document_id'),
      text('title'),
      at('submitted_at'),
      at('issued_at'),
      at('circulated_at'),
      ['comments_due_on', 'date'],
    ],
    r.reports,
  );
  await ins(
    'findings',
    [
      uuid('id'),
      uuid('report_id'),
      uuid('dispute_id'),
      ['position', 'int'],
      text('measure'),
      text('provision'),
      text('finding'),
      text('reasoning'),
      text('recommendation'),
    ],
    r.findings,
  );
  await ins('report_votes', [uuid('report_id'), uuid('person_id'), ['approve', 'boolean']], r.votes);
  await ins('separate_opinions', [uuid('id'), uuid('report_id'), text('text'), ['text_sha256', 'char(64)']], r.opinions);
  await ins(
    'appeals',
    [
      uuid('id'),
      uuid('dispute_id'),
      ['proceeding', 'int'],
      ['cross_appeal', 'boolean'],
      uuid('filed_by_member_id'),
      at('filed_at'),
      ['finding_ids', 'uuid[]'],
      text('seed'),
      ['division_ids', 'uuid[]'],
      text('delay_reason'),
    ],
    r.appeals,
  );
  await ins('appellate_outcomes', [uuid('id'), uuid('appeal_id'), uuid('finding_id'), text('outcome'), text('reasoning')], r.outcomes);
  await ins(
    'adoption_objections',
    [uuid('dispute_id'), ['proceeding', 'int'], text('round'), uuid('member_id'), at('objected_at')],
    r.objections,
  );
  await ins(
    'adoption_meetings',
    [
      uuid('id'),
      uuid('dispute_id'),
      ['proceeding', 'int'],
      text('round'),
      uuid('meeting_id'),
      at('held_at'),
      ['present_members', 'text[]'],
      ['objecting_members', 'text[]'],
      text('outcome'),
    ],
    r.adoptionMeetings,
  );
}

/** The demo's past hearings (hearings.ts): the room, the hearings, their participants with attendance, their bookings. */
async function insertHearings(ins: Ins, h: HearingRows): Promise<void> {
  await ins(
    'hearing_rooms',
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['location', 'text'],
      ['active', 'boolean'],
      ['created_at', 'timestamptz'],
    ],
    h.rooms,
  );
  await ins(
    'hearings',
    [
      ['id', 'uuid'],
      ['dispute_id', 'uuid'],
      ['kind', 'text'],
      ['status', 'text'],
      ['starts_at', 'timestamptz'],
      ['ends_at', 'timestamptz'],
      ['time_zone', 'text'],
      ['room_id', 'uuid'],
      ['virtual_link', 'text'],
      ['public_observation', 'boolean'],
      ['sequence', 'int'],
      ['reason', 'text'],
      ['set_at', 'timestamptz'],
      ['scheduled_by_id', 'uuid'],
      ['version', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    h.hearings,
  );
  await ins(
    'hearing_participants',
    [
      ['hearing_id', 'uuid'],
      ['kind', 'text'],
      ['ref_id', 'uuid'],
      ['attended', 'boolean'],
    ],
    h.participants,
  );
  await ins(
    'hearing_bookings',
    [
      ['id', 'uuid'],
      ['hearing_id', 'uuid'],
      ['resource_kind', 'text'],
      ['resource_id', 'uuid'],
      ['during', 'tstzrange'],
    ],
    h.bookings,
  );
}
