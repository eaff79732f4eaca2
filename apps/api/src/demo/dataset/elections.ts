// The closed panel elections (DSU 8.6: the panel composed from the roster): candidates,
// electorate, ballots, the STV count and the seated panel, for the most recent compositions.
import { createHash } from 'node:crypto';
import { candidateLabels, newReceipt } from '@app/panels';
import { addDays, startOfDay, toIsoDate } from '@app/procedure';
import { count, type CountingRules } from '@app/stv';
import { Progress } from './progress';
import type { Rng } from './random';
import { DAY, HOUR } from './clock';
import type { DocketEvent, Dispute } from './disputes';
import type { Person } from './roster';
import type { World } from './world';

export interface ElectionRows {
  elections: Record<string, unknown>[];
  candidates: Record<string, unknown>[];
  electors: Record<string, unknown>[];
  votes: Record<string, unknown>[];
  ballots: Record<string, unknown>[];
  panelSeats: Record<string, unknown>[];
}

// The shortest voting period (the application's default ELECTION_MIN_VOTING_DAYS).
const ELECTION_MIN_VOTING_DAYS = 7;
// The fewest ballots an election publishes (the application's default BALLOT_PUBLICATION_MIN):
// decided at the close as ElectionClosingService decides it, so that no ballot is tied to one of a
// few voters (libs/panels/README.md, Ballot secrecy).
const BALLOT_PUBLICATION_MIN = 5;

/** Whether the panel was composed late enough after its establishment for an election to fit. */
export function hasRoomForElection(d: Dispute): boolean {
  return (
    d.composedAt !== null &&
    d.establishedAt !== null &&
    d.composedAt.getTime() - d.establishedAt.getTime() >= (ELECTION_MIN_VOTING_DAYS + 14) * DAY
  );
}

/** The roster persons who may stand: approved, available, of no party's nationality; the demo's panelist on its own panels only. */
function eligibleFor(d: Dispute, world: World): Person[] {
  const partyCodes = new Set(d.parties.map((p) => world.members.find((m) => m.id === p.memberId)?.code));
  return world.persons
    .filter((p) => p.status === 'APPROVED' && p.available && !partyCodes.has(p.nationality))
    .filter((p) => p !== world.demoPanelist || d.demoPanel)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

// DSU 8.5: five panelists when the parties agreed within 10 days of establishment.
const seatsOf = (d: Dispute) => (d.applied.has('agreeFivePanelists') ? 5 : 3);

/** Whether the panel was elected, given enough elections: room for the ballot, enough candidates. */
export function canBeElected(d: Dispute, world: World): boolean {
  return hasRoomForElection(d) && Boolean(d.composeEvent) && eligibleFor(d, world).length >= seatsOf(d);
}

export function makeElections(rng: Rng, world: World, disputes: Dispute[], n: number): ElectionRows {
  const out: ElectionRows = { elections: [], candidates: [], electors: [], votes: [], ballots: [], panelSeats: [] };
  // The most recent compositions with room for a ballot between establishment and composition.
  const composed = disputes
    .filter((d) => hasRoomForElection(d) && d.composeEvent)
    .sort((a, b) => (b.composedAt as Date).getTime() - (a.composedAt as Date).getTime())
    .slice(0, n);
  const progress = new Progress('elections counted', composed.length);
  for (const d of composed) {
    const composedAt = d.composedAt as Date;
    const establishedAt = d.establishedAt as Date;
    const principal = new Set(d.parties.filter((p) => p.kind !== 'THIRD_PARTY').map((p) => p.memberId));
    const eligible = eligibleFor(d, world);
    const seats = seatsOf(d);
    if (eligible.length < seats) continue;
    const electorate = world.members.filter((m) => !principal.has(m.id));
    const id = rng.uuid();
    const seed = rng.hex(32);
    const seedHash = createHash('sha256').update(seed).digest('hex');
    // Opened once the parties' 10 days to agree on five panelists are over (DSU 8.5; at once if
    // they agreed), open a week at least (ELECTION_MIN_VOTING_DAYS); closed when the panel is
    // composed, after the 15 days for challenges (DSU 8.6).
    const earliest = d.applied.has('agreeFivePanelists')
      ? establishedAt.getTime() + DAY
      : startOfDay(addDays(toIsoDate(establishedAt), 11)).getTime();
    const openedAt = new Date(earliest + rng.int(0, 2) * DAY + (7 + rng.int(0, 8)) * HOUR);
    const opensAt = new Date(openedAt.getTime() + HOUR);
    const closesAt = new Date(composedAt.getTime() - 60_000);
    if (closesAt.getTime() - opensAt.getTime() < ELECTION_MIN_VOTING_DAYS * DAY) continue;
    const rules: CountingRules = rng.chance(0.9) ? 'scottish-stv' : 'meek-stv';
    eligible.forEach((p, position) => out.candidates.push({ election_id: id, person_id: p.id, position }));
    electorate.forEach((m) => out.electors.push({ election_id: id, member_id: m.id }));
    const voters = rng.sample(
      electorate,
      Math.max(Math.ceil(electorate.length * 0.5), Math.round(electorate.length * (0.6 + rng.next() * 0.4))),
    );
    const labels = candidateLabels(eligible);
    const ballots: { ranking: string[] }[] = [];
    for (const voter of voters) {
      out.votes.push({ election_id: id, member_id: voter.id });
      // Each member ranks a handful, favouring well-known panelists.
      const weights = eligible.map((p) => p.popularity);
      const ranking: string[] = [];
      const length = rng.int(1, Math.min(8, eligible.length));
      for (let k = 0; k < length; k++) {
        const total = weights.reduce((a, w) => a + w, 0);
        let r = rng.next() * total;
        let c = 0;
        while (c < weights.length - 1 && r >= weights[c]) r -= weights[c++];
        if (weights[c] === 0) break;
        ranking.push(eligible[c].id);
        weights[c] = 0;
      }
      ballots.push({ ranking });
      out.ballots.push({ id: rng.uuid(), election_id: id, receipt: newReceipt(rng.bytes(10)), ranking });
    }
    const result = count({
      candidates: [...labels.values()],
      seats,
      ballots: ballots.map((b) => ({ ranking: b.ranking.map((pid) => labels.get(pid) as string) })),
      seed,
      rules,
    });
    const byLabel = new Map(eligible.map((p) => [labels.get(p.id) as string, p]));
    const elected = result.elected.map((label) => byLabel.get(label) as Person);
    out.elections.push({
      id,
      dispute_id: d.id,
      kind: 'PANEL',
      seats,
      status: 'CLOSED',
      rules,
      quorum_percent: 50,
      opens_at: opensAt,
      closes_at: closesAt,
      seed_hash: seedHash,
      seed,
      electorate_size: electorate.length,
      turnout: voters.length,
      result,
      ballots_published: voters.length >= BALLOT_PUBLICATION_MIN,
      closed_at: composedAt,
      version: 2,
      created_at: openedAt,
    });
    elected.forEach((person, rank) => {
      // Two ids were drawn per seat while panel_members and panel_seats both held it (until
      // migration 1795770000000-OnePanelSeatsTable, which kept panel_members' id): the second is
      // still drawn, so that the documents drawn next come out as before.
      const seatId = rng.uuid();
      rng.uuid();
      out.panelSeats.push({
        id: seatId,
        dispute_id: d.id,
        user_id: person.userId,
        person_id: person.id,
        election_id: id,
        elected_rank: rank,
        chair: rank === 0,
        seated_at: composedAt,
        vacated_at: null,
        vacated_reason: null,
      });
    });
    // The docket: the opening (the engine's step), and the composition carrying the result
    // (ElectionClosingService).
    d.events.push({
      at: openedAt,
      order: d.events.length,
      kind: 'openPanelElection',
      actorRole: 'SECRETARIAT',
      actorId: rng.pick(world.secretariat),
      documentIds: [],
      text:
        `The secretariat opened the election of ${seats} panelist seat(s) among ${eligible.length} eligible ` +
        `candidates (${eligible.map((p) => p.name).join(', ')}); ${electorate.length} members vote from ` +
        `${opensAt.toISOString()} to ${closesAt.toISOString()}; tie-break seed SHA-256 ${seedHash}.`,
    });
    const names = elected.map((p, rank) => (rank === 0 ? `${p.name} (chair)` : p.name)).join(', ');
    const compose = d.composeEvent as DocketEvent;
    compose.text +=
      ` The election closed: ${voters.length} of ${electorate.length} members voted; elected ${names}. ` +
      `The tie-break seed ${seed} is published with the ballots and every stage of the count.`;
    progress.tick();
  }
  progress.finish();
  return out;
}
