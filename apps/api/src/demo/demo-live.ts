// What the demo holds at the present time, done through the real services right after the bulk
// load (./demo-data.ts): the generator writes the past (./dataset), but an election open now must
// be sealed with the application's ballot key, and hearings ahead are booked with the hearings'
// checks (no clash of a panelist, a party or a room; open days in the hearing's zone). Each is
// its own audited command, by the demo's registrar or a party's delegate, as a user would do it.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, type Actor } from '@app/core';
import { HearingsService, ParticipationService, startOfLocalDay, type HearingKind } from '@app/hearings';
import { ElectionsService } from '@app/panels';
import { addDays, toIsoDate } from '@app/procedure';
import { DocumentsService } from '@app/registry';
import { DEMO_USERS } from './demo-data';
import { DEMO_ROOM } from './dataset/hearings';
import { addDemoTranslations } from './demo-languages';

const DAY = 86_400_000;
/** Where the panels of the demo sit, and the zone their hearings are shown in. */
// Geneva keeps Europe/Zurich's time (IANA has Geneva only as a link, which not every runtime knows).
export const DEMO_HEARING_ZONE = 'Europe/Zurich';
/** The open election stays open two weeks (at least the body's minimum voting period). */
const ELECTION_OPEN_DAYS = 14;

interface UserRow {
  id: string;
  role: Actor['role'];
  member_id: string | null;
}

/**
 * The demo's present: the demo panelist's two panels get hearings in the coming weeks, the dispute
 * whose panel is being composed an election open now with some ballots already cast (the demo
 * delegates of DEMO_USERS have not voted: they may), and a panel with a document for the panel
 * only (CONFIDENTIAL, `panelOnly`), and a few disputes' texts and a request's versions in the other
 * working languages (./demo-languages.ts). Called once, right after `loadDemoDataIfEmpty` loaded.
 */
export async function addDemoPresent(app: INestApplicationContext): Promise<void> {
  const db = app.get(DataSource);
  const actorOf = async (email: string): Promise<Actor> => {
    const [u] = (await db.query('SELECT id, role, member_id FROM users WHERE email = $1', [email])) as UserRow[];
    return { userId: u.id, role: u.role, memberId: u.member_id };
  };
  const registrar = await actorOf('registrar@demo.dsb');
  const now = app.get(Clock).now();
  await scheduleHearingsAhead(app, db, registrar, now);
  await openElection(app, db, registrar, actorOf, now);
  await filePanelOnlyDocument(app, db, actorOf);
  await addDemoTranslations(app, db, registrar);
}

/** A working day in the hearing's zone: no weekend, no day the body is closed. */
async function openDayFrom(db: DataSource, day: string): Promise<string> {
  const closed = new Set(
    (
      (await db.query(`SELECT day::text AS day FROM closed_days WHERE day >= $1::date AND day < $1::date + 60`, [day])) as { day: string }[]
    ).map((r) => r.day),
  );
  for (let d = day; ; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(d)) return d;
  }
}

/**
 * The demo panelist's two panels meet the parties in the coming weeks: the first substantive
 * meeting on the day its timetable set (or, were that past, the next weeks), and the session for
 * the third parties the day after (Appendix 3 ¶5-6). The panels' days differ: the panelist sits on
 * both, and a panelist is not booked twice (the hearings' exclusion constraint refuses it anyway).
 */
async function scheduleHearingsAhead(app: INestApplicationContext, db: DataSource, registrar: Actor, now: Date): Promise<void> {
  const hearings = app.get(HearingsService);
  // The room of the past hearings the bulk load wrote (dataset/hearings.ts), else added now.
  const [loaded] = (await db.query('SELECT id FROM hearing_rooms WHERE name = $1', [DEMO_ROOM.name])) as { id: string }[];
  const room = loaded ?? (await app.get(ParticipationService).addRoom(registrar, DEMO_ROOM));
  const panels = (await db.query(
    `SELECT s.dispute_id, (SELECT t.due_date::text FROM timetable_steps t
                            WHERE t.dispute_id = s.dispute_id AND t.kind = 'FIRST_SUBSTANTIVE_MEETING'
                            ORDER BY t.position DESC LIMIT 1) AS due
       FROM panel_seats s JOIN users u ON u.id = s.user_id JOIN disputes d ON d.id = s.dispute_id
      WHERE u.email = 'panelist@demo.dsb' AND s.vacated_at IS NULL AND d.stage = 'PANEL_PROCEEDINGS'
      ORDER BY d.number`,
  )) as { dispute_id: string; due: string | null }[];
  const today = toIsoDate(now);
  let taken = addDays(today, 6);
  for (const panel of panels) {
    const wanted = panel.due && panel.due > taken ? panel.due : addDays(taken, 1);
    const first = await openDayFrom(db, wanted);
    const second = await openDayFrom(db, addDays(first, 1));
    taken = second;
    const at = (day: string, hour: number) => new Date(startOfLocalDay(day, DEMO_HEARING_ZONE).getTime() + hour * 3_600_000);
    const sessions: [HearingKind, Date, Date][] = [
      ['FIRST_SUBSTANTIVE_MEETING', at(first, 9.5), at(first, 17.5)],
      ['THIRD_PARTY_SESSION', at(second, 10), at(second, 12.5)],
    ];
    for (const [kind, startsAt, endsAt] of sessions) {
      await hearings.schedule(registrar, {
        disputeId: panel.dispute_id,
        kind,
        startsAt,
        endsAt,
        timeZone: DEMO_HEARING_ZONE,
        roomId: room.id,
        virtualLink: null,
        staffUserIds: [registrar.userId],
      });
    }
  }
}

/**
 * The election of the panel of the dispute at PANEL_ESTABLISHED (its cover waits for the parties'
 * 10 days on five panelists, DSU 8.5), opened now by the registrar and closing in two weeks, or
 * after the parties' 15 days to challenge a candidate (DSU 8.6) if later. The members that are not
 * demo sign-ins vote (each its own ranking of a few candidates); the demo delegates still may.
 */
async function openElection(
  app: INestApplicationContext,
  db: DataSource,
  registrar: Actor,
  actorOf: (email: string) => Promise<Actor>,
  now: Date,
): Promise<void> {
  const elections = app.get(ElectionsService);
  const [dispute] = (await db.query(
    `SELECT d.id, (SELECT max(l.due_date)::text FROM deadlines l WHERE l.dispute_id = d.id AND l.rule = 'CANDIDATE_CHALLENGES' AND l.status = 'OPEN') AS challenges
       FROM disputes d WHERE d.stage = 'PANEL_ESTABLISHED' ORDER BY d.number LIMIT 1`,
  )) as { id: string; challenges: string | null }[];
  const closesAt = new Date(
    Math.max(now.getTime() + ELECTION_OPEN_DAYS * DAY, dispute.challenges ? Date.parse(`${addDays(dispute.challenges, 2)}T12:00:00Z`) : 0),
  );
  const election = await elections.open(registrar, {
    disputeId: dispute.id,
    opensAt: now,
    closesAt,
    rules: 'SCOTTISH_STV',
    quorumPercent: 50,
    vacancy: false,
  });
  const candidates = (
    (await db.query('SELECT person_id FROM election_candidates WHERE election_id = $1 ORDER BY position', [election.id])) as {
      person_id: string;
    }[]
  ).map((c) => c.person_id);
  const demoEmails = new Set(DEMO_USERS.map((u) => u.email));
  const voters = (await db.query(
    `SELECT m.code FROM election_electors e JOIN members m ON m.id = e.member_id WHERE e.election_id = $1 ORDER BY m.code`,
    [election.id],
  )) as { code: string }[];
  let k = 0;
  for (const { code } of voters) {
    const email = `delegate.${code.toLowerCase()}@demo.dsb`;
    if (demoEmails.has(email)) continue;
    // Every other of the remaining members has voted so far, each ranking three candidates.
    if (k++ % 2 === 1) continue;
    const ranking = [0, 1, 2].map((i) => candidates[(k + i * 2) % candidates.length]).filter((c, i, all) => all.indexOf(c) === i);
    await elections.cast(await actorOf(email), { electionId: election.id, ranking });
  }
}

/**
 * A document for the panel only (DSU 18.2; the panel's procedures for business-confidential
 * information): the complainant of one of the demo panelist's panels files its confidential
 * exhibit to the panel, which the other party does not see.
 */
async function filePanelOnlyDocument(
  app: INestApplicationContext,
  db: DataSource,
  actorOf: (email: string) => Promise<Actor>,
): Promise<void> {
  const [panel] = (await db.query(
    `SELECT s.dispute_id, m.code FROM panel_seats s JOIN users u ON u.id = s.user_id
       JOIN dispute_parties p ON p.dispute_id = s.dispute_id AND p.kind = 'COMPLAINANT' JOIN members m ON m.id = p.member_id
       JOIN disputes d ON d.id = s.dispute_id
      WHERE u.email = 'panelist@demo.dsb' AND s.vacated_at IS NULL ORDER BY d.number LIMIT 1`,
  )) as { dispute_id: string; code: string }[];
  const content = Buffer.from(
    'Exhibit C-12 (business confidential information): plant-level production costs, 2019-2024.\n' +
      'Submitted to the panel only, under its procedures for business confidential information.\n',
  );
  await app.get(DocumentsService).file(await actorOf(`delegate.${panel.code.toLowerCase()}@demo.dsb`), {
    disputeId: panel.dispute_id,
    kind: 'EXHIBIT',
    title: 'Exhibit C-12: production costs (business confidential information, for the panel)',
    fileName: 'exhibit-c-12-bci.txt',
    mediaType: 'text/plain',
    content: content.toString('base64'),
    classification: 'CONFIDENTIAL',
    panelOnly: true,
  });
}
