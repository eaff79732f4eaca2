// The documents filed in the disputes (metadata, with a tiny content row each), following their
// activity, and the docket entries that record the filings.
import { createHash } from 'node:crypto';
import type { Stage } from '@app/procedure';
import { Progress } from './progress';
import type { Rng } from './random';
import { HOUR } from './clock';
import type { Dispute } from './disputes';
import type { Member } from './members';
import type { World } from './world';

const KIND_LABEL = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');

export interface DocumentRows {
  documents: Record<string, unknown>[];
  contents: Record<string, unknown>[];
}

function stageAt(d: Dispute, at: Date): Stage {
  let stage = d.periods[0].stage;
  for (const p of d.periods) if (p.enteredAt.getTime() <= at.getTime()) stage = p.stage;
  return stage;
}

export function makeDocuments(rng: Rng, world: World, disputes: Dispute[], total: number, flagship: Dispute): DocumentRows {
  const out: DocumentRows = { documents: [], contents: [] };
  // Filings follow activity, with a long tail: a few disputes attract hundreds of documents.
  const weights = disputes.map((d) => (d === flagship ? 0 : (1 + d.events.length) * Math.min(40, rng.pareto(1.4))));
  const flagshipDocs = Math.min(total, 180);
  const rest = total - flagshipDocs;
  const sum = weights.reduce((a, w) => a + w, 0);
  const counts = weights.map((w) => Math.floor((rest * w) / sum));
  let missing = rest - counts.reduce((a, c) => a + c, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length) {
    if (weights[i] > 0 && rng.chance(0.3)) {
      counts[i] += 1;
      missing -= 1;
    }
  }
  counts[flagship.index] = flagshipDocs;
  const memberById = new Map(world.members.map((m) => [m.id, m]));
  const progress = new Progress('documents', total);
  let serial = 0;
  for (const d of disputes) {
    const k = counts[d.index];
    if (!k) continue;
    const end = (d.endedAt ?? world.asOf).getTime();
    const span = Math.max(HOUR, end - d.filedAt.getTime() - HOUR);
    const times = Array.from({ length: k }, (_, i) =>
      i === 0
        ? new Date(d.filedAt.getTime() + rng.int(60, 3600) * 1000)
        : new Date(d.filedAt.getTime() + HOUR + Math.floor(rng.next() * span)),
    ).sort((a, b) => a.getTime() - b.getTime());
    const third = d.parties.filter((p) => p.kind === 'THIRD_PARTY');
    const seated = d.composedAt !== null;
    let reportFiled = false;
    for (const [i, at] of times.entries()) {
      const stage = stageAt(d, at);
      const visibleThird = third.filter((p) => p.joinedAt.getTime() <= at.getTime());
      let kind: string;
      let side: 'C' | 'R' | 'T' | 'SEC' | 'PANEL';
      if (i === 0) {
        kind = 'REQUEST_FOR_CONSULTATIONS';
        side = 'C';
      } else if (['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'].includes(stage)) {
        kind = rng.weighted({ REPLY_TO_REQUEST: 3, REQUEST_TO_JOIN: visibleThird.length ? 3 : 0, NOTIFICATION: 3, OTHER: 2 });
        side = kind === 'REPLY_TO_REQUEST' ? 'R' : kind === 'REQUEST_TO_JOIN' ? 'T' : rng.pick(['C', 'R', 'SEC'] as const);
      } else if (['PANEL_REQUESTED', 'PANEL_ESTABLISHED'].includes(stage)) {
        kind = rng.weighted({ PANEL_REQUEST: 3, NOTIFICATION: 3, OTHER: 1 });
        side = kind === 'PANEL_REQUEST' ? 'C' : rng.pick(['C', 'R', 'SEC'] as const);
      } else if (['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'SUSPENDED'].includes(stage)) {
        kind = rng.weighted({
          FIRST_WRITTEN_SUBMISSION: 4,
          REBUTTAL: 3,
          THIRD_PARTY_SUBMISSION: visibleThird.length ? 2 : 0,
          ANSWERS_TO_QUESTIONS: 3,
          EXHIBIT: 8,
          HEARING_RECORD: 1,
        });
        side =
          kind === 'THIRD_PARTY_SUBMISSION'
            ? 'T'
            : kind === 'HEARING_RECORD'
              ? seated && rng.chance(0.5)
                ? 'PANEL'
                : 'SEC'
              : rng.pick(['C', 'R'] as const);
      } else {
        kind =
          !reportFiled && stage === 'REPORT_CIRCULATED'
            ? 'PANEL_REPORT'
            : rng.weighted({ NOTIFICATION: 4, ANSWERS_TO_QUESTIONS: 1, EXHIBIT: 1, OTHER: 2 });
        if (kind === 'PANEL_REPORT') reportFiled = true;
        side = kind === 'PANEL_REPORT' ? 'SEC' : rng.pick(['C', 'R', 'SEC'] as const);
      }
      let member: Member | null = null;
      let filedBy: string;
      let actorRole: string;
      if (side === 'C' || side === 'R' || side === 'T') {
        member =
          side === 'C'
            ? d.complainant
            : side === 'R'
              ? rng.pick(d.respondents)
              : (memberById.get(rng.pick(visibleThird.length ? visibleThird : third).memberId) as Member);
        filedBy = member.delegates[rng.int(0, 1)];
        actorRole = side === 'C' ? 'COMPLAINANT' : side === 'R' ? 'RESPONDENT' : 'THIRD_PARTY';
      } else if (side === 'PANEL') {
        filedBy = rng.pick(world.panelistUsers);
        actorRole = 'PANEL';
      } else {
        filedBy = rng.pick(world.secretariat);
        actorRole = 'SECRETARIAT';
      }
      const classification = ['REQUEST_FOR_CONSULTATIONS', 'PANEL_REQUEST', 'PANEL_REPORT', 'REQUEST_TO_JOIN'].includes(kind)
        ? 'PUBLIC'
        : kind === 'NOTIFICATION' || kind === 'OTHER'
          ? rng.chance(0.7)
            ? 'PUBLIC'
            : 'RESTRICTED'
          : kind === 'EXHIBIT' && rng.chance(0.25)
            ? 'CONFIDENTIAL'
            : 'RESTRICTED';
      serial += 1;
      const id = rng.uuid();
      const who = member ? member.name : actorRole === 'PANEL' ? 'the Panel' : 'the Secretariat';
      const title =
        kind === 'EXHIBIT'
          ? `Exhibit ${member ? member.code : 'SEC'}-${rng.int(1, 120)}`
          : kind === 'PANEL_REPORT'
            ? `Report of the Panel: ${d.title}`
            : `${KIND_LABEL(kind).replace(/^./, (c) => c.toUpperCase())} of ${who}`;
      const content = Buffer.from(`%PDF-1.4\n% bench document ${serial}\n%%EOF\n`);
      const readers =
        classification === 'CONFIDENTIAL'
          ? [...d.complainant.delegates.slice(0, 1), ...d.respondents[0].delegates.slice(0, 1), rng.pick(world.secretariat)]
          : [];
      out.documents.push({
        id,
        dispute_id: d.id,
        kind,
        title,
        file_name: `${kind.toLowerCase().replace(/_/g, '-')}-${serial}.pdf`,
        media_type: 'application/pdf',
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        filed_by_id: filedBy,
        filed_for_member_id: member ? member.id : null,
        filed_at: at,
        classification,
        derestricted_at: null,
        idempotency_key: rng.chance(0.5) ? `bench-${serial}` : null,
        reader_ids: readers,
      });
      out.contents.push({ content_key: id, seq: 0, bytes: `\\x${content.toString('hex')}` });
      const what = classification === 'PUBLIC' ? `"${title}"` : `a ${classification.toLowerCase()} document (${KIND_LABEL(kind)})`;
      d.events.push({
        at,
        order: d.events.length,
        kind: 'fileDocument',
        actorRole,
        actorId: filedBy,
        text: `Filed ${what}.`,
        documentIds: [id],
      });
      progress.tick();
    }
  }
  progress.finish();
  return out;
}
