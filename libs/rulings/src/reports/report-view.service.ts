import { Injectable } from '@nestjs/common';
import { Actor, ConnectionArgs, Page, RequestLoaders, groupedInKeyOrder, inKeyOrder, notFound } from '@app/core';
import { DisputeEntity, DisputesService, DocumentEntity, DocumentsService, PanelSeatsService } from '@app/registry';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { AdoptionMeetingEntity } from '../adoption/adoption.entity';
import { AppealEntity, AppellateMemberEntity, AppellateOutcomeEntity } from '../appeals/appeal.entity';
import { majorityOf } from './majority';
import { FindingEntity, ReportEntity, SeparateOpinionEntity, type ReportVersion } from './report.entity';
import { Appeal, DisputeReport, Finding, ReportDocumentRef, ReportVote, toAdoptionMeeting } from './report.type';

// The versions the panel deliberates on (DSU 14.1); the descriptive part and the appellate report are not voted.
const DELIBERATED: readonly ReportVersion[] = ['INTERIM_REPORT', 'FINAL_REPORT', 'COMPLIANCE_REPORT'];

/**
 * Who sees what of a report:
 * - a draft (or a rejected one): the seated panelists only (DSU 14.1);
 * - an issued version: the panel, the parties (complainant, respondents) and the secretariat
 *   (DSU 15.2-15.3: reports go to the parties before circulation);
 * - a circulated version: everyone (docs/procedure.md §3);
 * - the deliberation (votes): the seated panelists only, never anyone else.
 * The document itself is shown only as the registry's document policy allows.
 *
 * Reports are read in batches per request ({@link reportOf}): a page of disputes costs the same
 * statements as one dispute. The loaders below return raw rows and stay private: this service
 * decides, dispute by dispute, which rows the viewer gets, before anything is loaded for them.
 */
@Injectable()
export class ReportViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly seats: PanelSeatsService,
    private readonly disputes: DisputesService,
  ) {}

  /**
   * One dispute's report as the actor may see it. Without the request's loaders (after a command),
   * fresh ones: nothing read before the command is served from a cache.
   */
  view(actor: Actor | null, dispute: DisputeEntity, loaders = new RequestLoaders()): Promise<DisputeReport> {
    this.disputes.byIdLoader(loaders).prime(dispute.id, dispute);
    return this.reportOf(actor, loaders).load(dispute.id);
  }

  /** The reports of disputes already loaded (a page), as the actor may see them. */
  viewAll(actor: Actor | null, disputes: readonly DisputeEntity[], loaders: RequestLoaders): Promise<DisputeReport[]> {
    for (const dispute of disputes) this.disputes.byIdLoader(loaders).prime(dispute.id, dispute);
    return Promise.all(disputes.map((d) => this.reportOf(actor, loaders).load(d.id)));
  }

  /** Each dispute's report (by dispute id) as the actor may see it, batched per request. */
  reportOf(actor: Actor | null, loaders: RequestLoaders): DataLoader<string, DisputeReport> {
    return loaders.get(
      `rulings.reportOf:${actor?.userId ?? 'public'}`,
      () =>
        new DataLoader<string, DisputeReport>(async (ids) => {
          const disputes = await loadAll(this.disputes.byIdLoader(loaders), ids);
          const found = [...disputes.values()].filter((d): d is DisputeEntity => d !== null);
          const reports = await this.viewMany(actor, found, loaders);
          return ids.map((id) => reports.get(id) ?? notFound('Dispute', id, 'DISPUTE_NOT_FOUND'));
        }),
    );
  }

  /** Disputes whose report the body adopted, newest filing first (public). */
  adopted(args: ConnectionArgs): Promise<Page<DisputeEntity>> {
    return this.disputes.withEvent('REPORT_ADOPTED', args);
  }

  async toAppeal(appeal: AppealEntity, loaders = new RequestLoaders()): Promise<Appeal> {
    return toAppealView(appeal, await loadAll(this.appellateMembers(loaders), appeal.divisionIds));
  }

  /** The policy above for a batch of disputes: each step is one statement for the whole batch. */
  private async viewMany(actor: Actor | null, disputes: DisputeEntity[], loaders: RequestLoaders): Promise<Map<string, DisputeReport>> {
    const ids = disputes.map((d) => d.id);
    const panelist = actor?.role === 'PANELIST' ? actor : null;
    const delegate = actor?.role === 'MEMBER_DELEGATE' && actor.memberId ? actor : null;
    const [seats, parties, reports, appeals, meetings] = await Promise.all([
      panelist ? loadAll(this.seats.byDispute(loaders), ids) : null,
      delegate ? loadAll(this.disputes.partiesLoader(loaders), ids) : null,
      loadAll(this.reportsByDispute(loaders), ids),
      loadAll(this.appealsByDispute(loaders), ids),
      loadAll(this.meetingsByDispute(loaders), ids),
    ]);

    // The viewer's place in each dispute, and the versions it may see there.
    const places = disputes.map((dispute) => {
      const onPanel = !!panelist && (seats?.get(dispute.id) ?? []).some((s) => s.userId === panelist.userId);
      const place = delegate ? parties?.get(dispute.id)?.find((p) => p.memberId === delegate.memberId)?.kind : undefined;
      const party = place === 'COMPLAINANT' || place === 'RESPONDENT';
      const insider = onPanel || party || actor?.role === 'SECRETARIAT';
      const versions = (reports.get(dispute.id) ?? []).filter(
        (r) => r.status === 'CIRCULATED' || (r.status === 'ISSUED' && insider) || onPanel,
      );
      return { dispute, onPanel, versions, appeals: appeals.get(dispute.id) ?? [] };
    });
    const visible = places.flatMap((p) => p.versions);
    const reportIds = visible.map((r) => r.id);
    // Votes are read only for the disputes on whose panel the viewer sits.
    const deliberated = places.flatMap((p) => (p.onPanel ? p.versions.filter((r) => DELIBERATED.includes(r.version)) : []));
    const appealed = places.filter((p) => p.versions.length).flatMap((p) => p.appeals.map((a) => a.id));
    const [findings, opinions, outcomes, documents, votes, division] = await Promise.all([
      loadAll(this.findingsByReport(loaders), reportIds),
      loadAll(this.opinionsByReport(loaders), reportIds),
      loadAll(this.outcomesByAppeal(loaders), appealed),
      loadAll(
        this.documents.visibleById(actor, loaders),
        visible.map((r) => r.documentId),
      ),
      loadAll(
        this.votesByReport(loaders),
        deliberated.map((r) => r.id),
      ),
      loadAll(this.appellateMembers(loaders), [...new Set(places.flatMap((p) => p.appeals.flatMap((a) => a.divisionIds)))]),
    ]);

    const views = new Map<string, DisputeReport>();
    for (const { dispute, onPanel, versions, appeals: disputeAppeals } of places) {
      const appealOutcomes = disputeAppeals.flatMap((a) => outcomes.get(a.id) ?? []);
      const seated = seats?.get(dispute.id)?.length ?? 0;
      views.set(dispute.id, {
        versions: versions.map((r) => ({
          id: r.id,
          version: r.version,
          proceeding: r.proceeding,
          status: r.status,
          title: r.title,
          issuedAt: r.issuedAt,
          circulatedAt: r.circulatedAt,
          commentsDueOn: r.commentsDueOn,
          document: toDocumentRef(documents.get(r.documentId) ?? null),
          findings: (findings.get(r.id) ?? []).map((f) => toFinding(f, appealOutcomes)),
          separateOpinions: (opinions.get(r.id) ?? []).map((o) => ({ text: o.text, textSha256: o.textSha256 })),
          deliberation:
            onPanel && DELIBERATED.includes(r.version) ? { seats: seated, needed: majorityOf(seated), votes: votes.get(r.id) ?? [] } : null,
        })),
        appeals: disputeAppeals.map((a) => toAppealView(a, division)),
        meetings: (meetings.get(dispute.id) ?? []).map(toAdoptionMeeting),
        adopted: Boolean(dispute.events.REPORT_ADOPTED),
      });
    }
    return views;
  }

  private reportsByDispute(loaders: RequestLoaders): DataLoader<string, ReportEntity[]> {
    return loaders.get(
      'rulings.reportsByDispute',
      () =>
        new DataLoader<string, ReportEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(ReportEntity)
            .find({ where: { disputeId: In([...ids]) }, order: { submittedAt: 'ASC', id: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (r) => r.disputeId);
        }),
    );
  }

  private appealsByDispute(loaders: RequestLoaders): DataLoader<string, AppealEntity[]> {
    return loaders.get(
      'rulings.appealsByDispute',
      () =>
        new DataLoader<string, AppealEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(AppealEntity)
            .find({ where: { disputeId: In([...ids]) }, order: { proceeding: 'ASC', filedAt: 'ASC', crossAppeal: 'ASC', id: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (a) => a.disputeId);
        }),
    );
  }

  private meetingsByDispute(loaders: RequestLoaders): DataLoader<string, AdoptionMeetingEntity[]> {
    return loaders.get(
      'rulings.meetingsByDispute',
      () =>
        new DataLoader<string, AdoptionMeetingEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(AdoptionMeetingEntity)
            .find({ where: { disputeId: In([...ids]) }, order: { heldAt: 'ASC', id: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (m) => m.disputeId);
        }),
    );
  }

  private findingsByReport(loaders: RequestLoaders): DataLoader<string, FindingEntity[]> {
    return loaders.get(
      'rulings.findingsByReport',
      () =>
        new DataLoader<string, FindingEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(FindingEntity)
            .find({ where: { reportId: In([...ids]) }, order: { position: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (f) => f.reportId);
        }),
    );
  }

  private opinionsByReport(loaders: RequestLoaders): DataLoader<string, SeparateOpinionEntity[]> {
    return loaders.get(
      'rulings.opinionsByReport',
      () =>
        new DataLoader<string, SeparateOpinionEntity[]>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(SeparateOpinionEntity)
            // Ordered by the text's hash: an order that says nothing about who wrote when.
            .find({ where: { reportId: In([...ids]) }, order: { textSha256: 'ASC' } });
          return groupedInKeyOrder(ids, rows, (o) => o.reportId);
        }),
    );
  }

  private outcomesByAppeal(loaders: RequestLoaders): DataLoader<string, AppellateOutcomeEntity[]> {
    return loaders.get(
      'rulings.outcomesByAppeal',
      () =>
        new DataLoader<string, AppellateOutcomeEntity[]>(async (ids) => {
          const rows = await this.dataSource.getRepository(AppellateOutcomeEntity).findBy({ appealId: In([...ids]) });
          return groupedInKeyOrder(ids, rows, (o) => o.appealId);
        }),
    );
  }

  /** The panel's votes with the panelists' names: for the seated panelists only (see viewMany). */
  private votesByReport(loaders: RequestLoaders): DataLoader<string, ReportVote[]> {
    return loaders.get(
      'rulings.votesByReport',
      () =>
        new DataLoader<string, ReportVote[]>(async (ids) => {
          // The one read of the panels lib's roster outside it, kept on purpose: the panelists' names
          // come with the votes in one statement, and e2e/rulings/statements.e2e-spec.ts holds a page
          // of reports to a fixed number of statements per viewer. Asking RosterService instead costs
          // a statement more per page. Read only: the roster is written by the panels lib alone.
          const rows: { report_id: string; person_id: string; name: string; approve: boolean }[] = await this.dataSource.query(
            `SELECT v.report_id, v.person_id, p.name, v.approve FROM report_votes v JOIN roster_persons p ON p.id = v.person_id
           WHERE v.report_id = ANY($1) ORDER BY p.name, v.person_id`,
            [[...ids]],
          );
          return groupedInKeyOrder(ids, rows, (v) => v.report_id).map((votes) =>
            votes.map((v) => ({ personId: v.person_id, name: v.name, approve: v.approve })),
          );
        }),
    );
  }

  private appellateMembers(loaders: RequestLoaders): DataLoader<string, AppellateMemberEntity | null> {
    return loaders.get(
      'rulings.appellateMembers',
      () =>
        new DataLoader<string, AppellateMemberEntity | null>(async (ids) => {
          const rows = await this.dataSource.getRepository(AppellateMemberEntity).findBy({ id: In([...ids]) });
          return inKeyOrder(ids, rows, (m) => m.id);
        }),
    );
  }
}

/** Loads the keys through the loader (one batch), keyed for lookup; no statement without keys. */
async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<Map<K, V>> {
  const values = await Promise.all(keys.map((key) => loader.load(key)));
  return new Map(keys.map((key, i) => [key, values[i]]));
}

function toDocumentRef(doc: DocumentEntity | null): ReportDocumentRef | null {
  return doc ? { id: doc.id, title: doc.title, fileName: doc.fileName, sha256: doc.sha256, classification: doc.classification } : null;
}

function toAppealView(appeal: AppealEntity, members: Map<string, AppellateMemberEntity | null>): Appeal {
  return {
    id: appeal.id,
    proceeding: appeal.proceeding,
    crossAppeal: appeal.crossAppeal,
    filedAt: appeal.filedAt,
    findingIds: appeal.findingIds,
    seed: appeal.seed,
    division: appeal.divisionIds
      .map((id) => members.get(id) as AppellateMemberEntity)
      .map((m) => ({ id: m.id, name: m.name, nationality: m.nationality })),
    delayReason: appeal.delayReason,
  };
}

function toFinding(f: FindingEntity, outcomes: AppellateOutcomeEntity[]): Finding {
  const outcome = outcomes.find((o) => o.findingId === f.id);
  return {
    id: f.id,
    measure: f.measure,
    provision: f.provision,
    finding: f.finding,
    reasoning: f.reasoning,
    recommendation: f.recommendation,
    appellateOutcome: outcome ? { outcome: outcome.outcome, reasoning: outcome.reasoning } : null,
  };
}
