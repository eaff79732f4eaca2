// Everything to insert, generated in memory (no database): the world, then each dispute's life,
// then what follows from it (elections, documents, corrections), as rows.
import { toIsoDate } from '@app/procedure';
import { Progress, note } from './progress';
import { Rng } from './random';
import { coverEveryStage } from './cover';
import { addCorrections } from './docket';
import { makeDisputes, planJoins, type Dispute } from './disputes';
import { makeDocuments, type DocumentRows } from './documents';
import { hasRoomForElection, makeElections, type ElectionRows } from './elections';
import { MIN_THIRD_PARTIES_PER_DISPUTE, type ResolvedOptions } from './options';
import { disputeTables, type DisputeTables } from './rows';
import { makeRulings, type RulingRows } from './rulings';
import { makeHearings, type HearingRows } from './hearings';
import { simulate } from './simulate';
import { buildWorld, type World } from './world';

export interface Generated extends DisputeTables {
  world: World;
  elections: ElectionRows;
  docs: DocumentRows;
  /** The demo's reports, appeals and adoptions (rulings.ts); the bench's data set has none. */
  rulings?: RulingRows;
  /** The demo's past hearings with their attendance (hearings.ts); the bench's data set has none. */
  hearings?: HearingRows;
  simulateSeconds: number;
  refusedSteps: number;
  flagship: { id: string };
}

function simulateAll(disputes: Dispute[], world: World, label: string): void {
  const progress = new Progress(label, disputes.length);
  for (const d of disputes) {
    simulate(d, world);
    progress.tick();
  }
  progress.finish();
}

/** Counts the docket entries by kind (and by rule for the worker's), on stderr. */
function noteDocketKinds(disputes: Dispute[]): void {
  const kinds = new Map<string, number>();
  for (const d of disputes) {
    for (const e of d.events) {
      const kind = e.kind + (e.kind === 'deadlineMissed' || e.kind === 'periodEnded' ? ':' + e.text.split(' ')[3] : '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  note(
    [...kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `    ${k} ${n}`)
      .join('\n'),
  );
}

export function generateDataset(o: ResolvedOptions): Generated {
  note(`Data set: simulating ${o.disputes} disputes through the procedure engine (as of ${toIsoDate(o.asOf)})`);
  const rng = new Rng(o.seed);
  const world = buildWorld(rng, o);
  const disputes = makeDisputes(rng, world, o.disputes, o.years);
  const simStarted = Date.now();
  let core = 0;
  if (o.flavour === 'demo') {
    // The demo's: every stage of the engine reached (cover.ts), its few third parties planned there.
    coverEveryStage(world, disputes);
  } else {
    // Pass 1: the procedure alone, to size the third-party joins that bring the docket to its size.
    simulateAll(disputes, world, 'disputes simulated (pass 1 of 2)');
    core = disputes.reduce((a, d) => a + d.events.length, 0);
    if (process.env.BENCH_DEBUG) noteDocketKinds(disputes);
    const electionsPlanned = Math.min(o.elections, disputes.filter(hasRoomForElection).length);
    // Two docket entries per third party: its request and the respondent's acceptance. As many as
    // bring the docket to its size, but never fewer than the floor: the procedure of the panels
    // (meetings of the body, timetables) leaves less room than it used to.
    const joinsWanted = Math.floor((o.docketEntries - core - o.documents - electionsPlanned) / 2);
    planJoins(new Rng(o.seed + 1), world, disputes, Math.max(Math.round(o.disputes * MIN_THIRD_PARTIES_PER_DISPUTE), joinsWanted));
    // Pass 2: again, with the joins, for the disputes that get third parties (the simulation of
    // one dispute is deterministic, so the others are already what they would be).
    simulateAll(
      disputes.filter((d) => d.joins.length > 0),
      world,
      'disputes with third parties simulated (pass 2 of 2)',
    );
  }
  const joins = disputes.reduce((a, d) => a + d.parties.filter((p) => p.kind === 'THIRD_PARTY').length, 0);
  const flagship = disputes.reduce((best, d) => (d.events.length > best.events.length ? d : best), disputes[0]);
  const extrasRng = new Rng(o.seed + 2);
  const elections = makeElections(extrasRng, world, disputes, o.elections);
  const docs = makeDocuments(extrasRng, world, disputes, o.documents, flagship);
  // The demo's rulings, from a generator of their own: the bench's rows stay as they were.
  const rulings = o.flavour === 'demo' ? makeRulings(new Rng(o.seed + 4), world, disputes, elections.panelSeats, docs) : undefined;
  const hearings = o.flavour === 'demo' ? makeHearings(new Rng(o.seed + 5), world, disputes, elections.panelSeats) : undefined;
  const soFar = disputes.reduce((a, d) => a + d.events.length, 0);
  const corrections = Math.max(0, o.docketEntries - soFar);
  if (corrections) addCorrections(extrasRng, world, disputes, corrections);
  else if (soFar > o.docketEntries)
    note(`  note: the simulated procedure and the fewest third parties give ${soFar} docket entries (target ${o.docketEntries})`);
  const simulateSeconds = (Date.now() - simStarted) / 1000;
  const tables = disputeTables(extrasRng, disputes);
  const refusedSteps = disputes.reduce((a, d) => a + d.refused, 0);
  note(
    `  docket: ${core} entries of the procedure, ${joins} third-party joins, ${docs.documents.length} filings, ` +
      `${elections.elections.length} election openings, ${corrections} corrections`,
  );
  return { world, elections, docs, rulings, hearings, ...tables, simulateSeconds, refusedSteps, flagship };
}
