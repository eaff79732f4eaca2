// The demo's reports, appeals and adoptions (@app/rulings), written as the rulings' services write
// them, at the instants of the docket entries the simulation already wrote for those steps: the
// panel's descriptive part, interim and final reports with their findings (one per claim: a
// measure under a provision of the terms of reference, DSU 7.1) and the panel's votes
// (ReportsService), a separate opinion (DSU 14.3), the notice of appeal with its division drawn by
// lot and the appellate report with an outcome per appealed finding (AppealsService), and the
// body's adoption meetings with the objections before them (AdoptionService). Only the original
// proceeding: compliance reports (DSU 21.5) are not written.
import { createHash } from 'node:crypto';
import { drawDivision } from '@app/rulings';
import { DEADLINE_RULES, latestNoticeDate, startOfDay, toIsoDate } from '@app/procedure';
import { DAY, HOUR } from './clock';
import type { DocketEvent, Dispute } from './disputes';
import type { DocumentRows } from './documents';
import type { Member } from './members';
import type { Rng } from './random';
import type { World } from './world';

export interface RulingRows {
  appellateMembers: Record<string, unknown>[];
  reports: Record<string, unknown>[];
  findings: Record<string, unknown>[];
  votes: Record<string, unknown>[];
  opinions: Record<string, unknown>[];
  appeals: Record<string, unknown>[];
  outcomes: Record<string, unknown>[];
  objections: Record<string, unknown>[];
  adoptionMeetings: Record<string, unknown>[];
}

// The standing appellate roster (DSU 17.1: seven persons), added by the secretariat.
const APPELLATE_ROSTER: readonly [string, string][] = [
  ['Amara Okonkwo', 'NGA'],
  ['Lucía Fernández', 'URY'],
  ['Henrik Lindqvist', 'SWE'],
  ['Priya Raman', 'IND'],
  ['Kenji Watanabe', 'JPN'],
  ['Farah Haddad', 'JOR'],
  ['Thomas Becker', 'CAN'],
];

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The rulings of the disputes' docket entries, with their documents added to `docs` and the
 * documents' ids put on the entries that carry them (DisputesService.perform's `documentIds`).
 * `seats` are the panel seats of the elections (elections.ts).
 */
export function makeRulings(rng: Rng, world: World, disputes: Dispute[], seats: Record<string, unknown>[], docs: DocumentRows): RulingRows {
  const out: RulingRows = {
    appellateMembers: [],
    reports: [],
    findings: [],
    votes: [],
    opinions: [],
    appeals: [],
    outcomes: [],
    objections: [],
    adoptionMeetings: [],
  };
  const firstFiling = Math.min(...disputes.map((d) => d.filedAt.getTime()));
  for (const [name, nationality] of APPELLATE_ROSTER) {
    out.appellateMembers.push({ id: rng.uuid(), name, nationality, active: true, added_at: new Date(firstFiling - 30 * DAY) });
  }
  const rosterIds = out.appellateMembers.map((m) => m.id as string);
  const meetingOn = new Map(world.meetings.map((m) => [m.heldOn, m]));
  const memberByCode = new Map(world.members.map((m) => [m.code, m]));
  let serial = 0;

  for (const d of disputes) {
    const seated = seats.filter((s) => s.dispute_id === d.id && s.vacated_at === null);
    // Only a seated panel submits, votes on and issues its reports (ReportsService.requireSeat).
    if (!seated.length) continue;
    const seatedUsers = seated.map((s) => s.user_id as string | null).filter((u): u is string => !!u);
    const events = [...d.events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    // The original proceeding only: what comes after a compliance proceeding begins is left out.
    const end = events.findIndex((e) => e.kind === 'referComplianceReview' || e.kind === 'appealComplianceReport');
    const original = end < 0 ? events : events.slice(0, end);
    const first = (kind: string, after?: DocketEvent) =>
      original.find((e) => e.kind === kind && (!after || e.at.getTime() >= after.at.getTime()));

    // A panel act is a seated panelist's (ReportsService requires the seat).
    const panelist = (e: DocketEvent): string => {
      if (seatedUsers.length && !seatedUsers.includes(e.actorId as string)) e.actorId = seatedUsers[0];
      return e.actorId as string;
    };
    const document = (
      kind: string,
      title: string,
      at: Date,
      filedBy: string,
      classification: string,
      extra: Partial<Record<string, unknown>> = {},
    ) => {
      serial += 1;
      const content = Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`);
      const id = rng.uuid();
      docs.documents.push({
        id,
        dispute_id: d.id,
        kind,
        title,
        file_name: `${kind.toLowerCase().replace(/_/g, '-')}-${d.index + 1}-${serial}.pdf`,
        media_type: 'application/pdf',
        size_bytes: content.length,
        sha256: sha256(content),
        filed_by_id: filedBy,
        filed_for_member_id: null,
        filed_at: at,
        classification,
        derestricted_at: null,
        idempotency_key: null,
        reader_ids: [],
        ...extra,
      });
      docs.contents.push({ content_key: id, seq: 0, bytes: `\\x${content.toString('hex')}` });
      return id;
    };
    const report = (row: Record<string, unknown>) => {
      const id = rng.uuid();
      out.reports.push({ id, dispute_id: d.id, proceeding: 0, issued_at: null, circulated_at: null, comments_due_on: null, ...row });
      return id;
    };
    // The panel approves a draft before it is issued (DSU 14): all seated approve, or all but one.
    const vote = (reportId: string, dissent: boolean) =>
      seated.forEach((s, i) =>
        out.votes.push({ report_id: reportId, person_id: s.person_id, approve: !(dissent && i === seated.length - 1) }),
      );

    // The claims of the terms of reference: each measure under each provision (DSU 7.1).
    const claims = d.measures.flatMap((measure) => d.legalBasis.map((provision) => ({ measure, provision })));
    const results = claims.map((_, i) => (i === 0 ? 'INCONSISTENT' : rng.weighted({ INCONSISTENT: 5, CONSISTENT: 2, NOT_DECIDED: 1 })));
    const findings = (reportId: string, final: boolean) =>
      claims.map((c, position) => {
        const id = rng.uuid();
        const finding = results[position];
        out.findings.push({
          id,
          report_id: reportId,
          dispute_id: d.id,
          position,
          measure: c.measure,
          provision: c.provision,
          finding,
          reasoning:
            finding === 'INCONSISTENT'
              ? `The ${c.measure.toLowerCase()} ${final ? 'is' : 'appears'} inconsistent with ${c.provision}.`
              : finding === 'CONSISTENT'
                ? `The complainant has not shown that the ${c.measure.toLowerCase()} is inconsistent with ${c.provision}.`
                : `Having found the measure inconsistent, the panel exercises judicial economy on ${c.provision}.`,
          recommendation:
            finding === 'INCONSISTENT'
              ? `That ${d.respondents[0].name} bring the measure into conformity with ${c.provision} (DSU 19.1).`
              : null,
        });
        return { id, finding };
      });

    // The descriptive part: issued to the parties at once (DSU 15.1), no findings.
    const descriptive = first('issueDescriptivePart');
    if (descriptive) {
      const by = panelist(descriptive);
      const title = `Descriptive part of the panel report: ${d.title}`;
      const doc = document('PANEL_REPORT', title, descriptive.at, by, 'RESTRICTED');
      descriptive.documentIds = [doc];
      report({
        version: 'DESCRIPTIVE_PART',
        status: 'ISSUED',
        document_id: doc,
        title,
        submitted_at: descriptive.at,
        issued_at: descriptive.at,
      });
    }

    // The interim report: a draft the panel approves, then issued (DSU 15.2), open to review requests.
    const interim = first('issueInterimReport');
    if (interim) {
      const by = panelist(interim);
      const submitted = new Date(interim.at.getTime() - 2 * DAY);
      const title = `Interim report of the panel: ${d.title}`;
      const doc = document('PANEL_REPORT', title, submitted, by, 'RESTRICTED');
      interim.documentIds = [doc];
      const reviewDue = [...d.snapshot.deadlines].reverse().find((r) => r.rule === 'TIMETABLE_REVIEW_REQUESTS')?.dueDate ?? null;
      const id = report({
        version: 'INTERIM_REPORT',
        status: 'ISSUED',
        document_id: doc,
        title,
        submitted_at: submitted,
        issued_at: interim.at,
        comments_due_on: reviewDue,
      });
      findings(id, false);
      vote(id, false);
    }

    // The final report: approved, issued to the parties (DSU 15.3), circulated to all members and
    // public from then (DSU 16.1); with a separate opinion where the panel was divided (DSU 14.3).
    const final = first('issueFinalReport');
    let finalFindings: { id: string; finding: string }[] = [];
    const circulated = final ? first('circulateReport', final) : undefined;
    if (final) {
      const by = panelist(final);
      const submitted = new Date(final.at.getTime() - 3 * DAY);
      const title = `Report of the Panel: ${d.title}`;
      const doc = document('PANEL_REPORT', title, submitted, by, circulated ? 'PUBLIC' : 'RESTRICTED', {
        derestricted_at: circulated ? circulated.at : null,
      });
      final.documentIds = [doc];
      if (circulated) circulated.documentIds = [doc];
      const id = report({
        version: 'FINAL_REPORT',
        status: circulated ? 'CIRCULATED' : 'ISSUED',
        document_id: doc,
        title,
        submitted_at: submitted,
        issued_at: final.at,
        circulated_at: circulated?.at ?? null,
      });
      finalFindings = findings(id, true);
      const divided = seated.length >= 3 && (Boolean(first('adoptReport')) || rng.chance(0.4));
      vote(id, divided);
      if (divided) {
        const claim = claims[finalFindings.findIndex((f) => f.finding === 'INCONSISTENT')];
        const text =
          `One member of the panel expresses a separate opinion: the panel should have found that ${d.respondents[0].name} ` +
          `had justified the ${claim.measure.toLowerCase()} under the general exceptions, and that it is not inconsistent with ${claim.provision}.`;
        out.opinions.push({ id: rng.uuid(), report_id: id, text, text_sha256: sha256(text) });
      }
    }

    // The notice of appeal (DSU 16.4): the appellant's notification, the appeal with its division
    // drawn by lot (DSU 17.1), docketed by the secretariat; then the appellate report (DSU 17.5).
    const appealed = circulated ? first('appeal', circulated) : undefined;
    let appealId: string | null = null;
    let appealedFindings: string[] = [];
    if (appealed) {
      const member = [d.complainant, ...d.respondents].find((m) => m.delegates.includes(appealed.actorId as string)) as Member;
      const title = `Notification of an appeal by ${member.name}`;
      const notice = document('NOTIFICATION', title, new Date(appealed.at.getTime() - 20 * 60_000), appealed.actorId as string, 'PUBLIC', {
        filed_for_member_id: member.id,
      });
      d.events.push({
        at: new Date(appealed.at.getTime() - 20 * 60_000),
        order: d.events.length,
        kind: 'fileDocument',
        actorRole: appealed.actorRole,
        actorId: appealed.actorId,
        text: `Filed "${title}".`,
        documentIds: [notice],
      });
      const inconsistent = finalFindings.filter((f) => f.finding === 'INCONSISTENT').map((f) => f.id);
      appealedFindings = inconsistent.slice(0, Math.max(1, Math.min(2, inconsistent.length)));
      const seed = rng.hex(32);
      const division = drawDivision(seed, rosterIds);
      const names = division.map((id) => out.appellateMembers.find((m) => m.id === id) as Record<string, unknown>);
      appealId = rng.uuid();
      out.appeals.push({
        id: appealId,
        dispute_id: d.id,
        proceeding: 0,
        cross_appeal: false,
        filed_by_member_id: member.id,
        filed_at: appealed.at,
        finding_ids: appealedFindings,
        seed,
        division_ids: division,
        delay_reason: null,
      });
      d.events.push({
        at: appealed.at,
        order: appealed.order + 0.5,
        kind: 'appellateDivisionDrawn',
        actorRole: 'SECRETARIAT',
        actorId: rng.pick(world.secretariat),
        text:
          `${member.name} appealed ${appealedFindings.length} finding(s). Division drawn by lot from ${rosterIds.length} members: ` +
          `${names.map((m) => `${m.name as string} (${m.nationality as string})`).join(', ')}. ` +
          `Seed ${seed}: order the roster by SHA-256(seed + ':' + member id) and take the first 3.`,
        documentIds: [],
      });
    }
    const appellate = appealed ? first('circulateAppellateReport', appealed) : undefined;
    if (appellate && appealId) {
      // Later than the 60 days of DSU 17.5 (the engine's limit, recorded missed by the worker): the reasons.
      const limit = [...d.snapshot.deadlines].reverse().find((r) => r.rule === 'APPELLATE_REPORT');
      const late = limit?.status === 'MISSED';
      const title = `Report of the Appellate Body: ${d.title}`;
      const doc = document('APPELLATE_REPORT', title, appellate.at, appellate.actorId as string, 'PUBLIC');
      appellate.documentIds = [doc];
      if (late) {
        const reason = 'the number and complexity of the issues appealed and the workload of the appellate roster';
        (out.appeals[out.appeals.length - 1] as Record<string, unknown>).delay_reason = reason;
        appellate.text = `${appellate.text} Reasons for the delay (DSU 17.5): ${reason}`;
      }
      report({
        version: 'APPELLATE_REPORT',
        status: 'CIRCULATED',
        document_id: doc,
        title,
        submitted_at: appellate.at,
        issued_at: appellate.at,
        circulated_at: appellate.at,
      });
      appealedFindings.forEach((findingId, i) => {
        const outcome = i === 0 ? 'UPHELD' : rng.pick(['UPHELD', 'MODIFIED', 'REVERSED'] as const);
        out.outcomes.push({
          id: rng.uuid(),
          appeal_id: appealId,
          finding_id: findingId,
          outcome,
          reasoning:
            outcome === 'UPHELD'
              ? 'The panel did not err in its interpretation of the provision; its finding is upheld.'
              : outcome === 'MODIFIED'
                ? 'The panel’s reasoning is modified; its conclusion stands.'
                : 'The panel erred in law; its finding is reversed.',
        });
      });
    }

    // The body's decision on the report before it, at one of its meetings (AdoptionService): the
    // panel report, or the appellate report with it; a decision not to adopt needs every member
    // present to have objected in writing at least 10 days before (DSU 16.2, 16.4).
    if (!circulated) continue;
    const decision = appellate
      ? (first('adoptAppellateReport', appellate) ?? first('decideNotToAdopt', appellate))
      : appealed
        ? undefined
        : (first('adoptReport', circulated) ?? first('decideNotToAdopt', circulated));
    if (!decision) continue;
    const meeting = meetingOn.get(toIsoDate(decision.at));
    if (!meeting?.present) continue;
    const round = appellate ? 'APPELLATE' : 'PANEL';
    const present = [...meeting.present].sort();
    const notAdopted = decision.kind === 'decideNotToAdopt';
    const objecting = notAdopted ? present : [];
    if (notAdopted) {
      const cutoff = latestNoticeDate(meeting.heldOn, DEADLINE_RULES.OBJECTION_NOTICE, world.closed);
      const latest = startOfDay(cutoff).getTime() + 10 * HOUR;
      const since = (appellate ?? circulated).at.getTime();
      present.forEach((code, i) => {
        const member = memberByCode.get(code) as Member;
        const at = new Date(Math.min(latest + i * 60_000, since + DAY + i * HOUR));
        out.objections.push({ dispute_id: d.id, proceeding: 0, round, member_id: member.id, objected_at: at });
        d.events.push({
          at,
          order: d.events.length,
          kind: 'objectToAdoption',
          actorRole: 'MEMBER',
          actorId: member.delegates[0],
          text: `${member.name} objected to the adoption of the ${round === 'PANEL' ? 'panel report' : 'appellate report and the panel report as modified by it'}.`,
          documentIds: [],
        });
      });
    }
    decision.text =
      `${decision.text} ${present.length} member(s) present (${present.join(', ')}); ${objecting.length} objected in time` +
      `${objecting.length ? ` (${objecting.join(', ')})` : ''}.`;
    out.adoptionMeetings.push({
      id: rng.uuid(),
      dispute_id: d.id,
      proceeding: 0,
      round,
      meeting_id: meeting.id,
      held_at: decision.at,
      present_members: present,
      objecting_members: objecting,
      outcome: notAdopted ? 'NOT_ADOPTED' : 'ADOPTED',
    });
  }
  return out;
}
