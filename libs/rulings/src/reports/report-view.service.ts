import { Injectable } from '@nestjs/common';
import { Actor, ConnectionArgs, DomainError, Page, keysetPage } from '@app/core';
import { DisputeEntity, DisputePartyEntity, DocumentsService, PanelSeatsService } from '@app/registry';
import { DataSource, In } from 'typeorm';
import { AdoptionMeetingEntity } from '../adoption/adoption.entity';
import { AppealEntity, AppellateMemberEntity, AppellateOutcomeEntity } from '../appeals/appeal.entity';
import { majorityOf } from './majority';
import { FindingEntity, ReportEntity, SeparateOpinionEntity } from './report.entity';
import { Appeal, DisputeReport, Finding, ReportDocumentRef, ReportVersionView } from './report.type';

/**
 * Who sees what of a report:
 * - a draft (or a rejected one): the seated panelists only (DSU 14.1);
 * - an issued version: the panel, the parties (complainant, respondents) and the secretariat
 *   (DSU 15.2-15.3: reports go to the parties before circulation);
 * - a circulated version: everyone (procedure.md §3);
 * - the deliberation (votes): the seated panelists only, never anyone else.
 * The document itself is shown only as the registry's document policy allows.
 */
@Injectable()
export class ReportViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly seats: PanelSeatsService,
  ) {}

  async view(actor: Actor | null, dispute: Pick<DisputeEntity, 'id' | 'events'>): Promise<DisputeReport> {
    const em = this.dataSource.manager;
    const onPanel = actor?.role === 'PANELIST' && (await this.seats.seatOf(em, dispute.id, actor.userId)) !== null;
    let party = false;
    if (actor?.role === 'MEMBER_DELEGATE' && actor.memberId) {
      const place = await em.getRepository(DisputePartyEntity).findOneBy({ disputeId: dispute.id, memberId: actor.memberId });
      party = place?.kind === 'COMPLAINANT' || place?.kind === 'RESPONDENT';
    }
    const insider = onPanel || party || actor?.role === 'SECRETARIAT';
    const reports = (await em.getRepository(ReportEntity).find({ where: { disputeId: dispute.id }, order: { submittedAt: 'ASC', id: 'ASC' } })).filter(
      (r) => r.status === 'CIRCULATED' || (r.status === 'ISSUED' && insider) || onPanel,
    );
    const ids = reports.map((r) => r.id);
    const appeal = await em.getRepository(AppealEntity).findOneBy({ disputeId: dispute.id });
    const [findings, opinions, outcomes] = ids.length
      ? await Promise.all([
          em.getRepository(FindingEntity).find({ where: { reportId: In(ids) }, order: { position: 'ASC' } }),
          // Ordered by the text's hash: an order that says nothing about who wrote when.
          em.getRepository(SeparateOpinionEntity).find({ where: { reportId: In(ids) }, order: { textSha256: 'ASC' } }),
          appeal ? em.getRepository(AppellateOutcomeEntity).findBy({ appealId: appeal.id }) : Promise.resolve([]),
        ])
      : [[], [], []];
    const versions: ReportVersionView[] = [];
    for (const r of reports) {
      versions.push({
        id: r.id,
        version: r.version,
        status: r.status,
        title: r.title,
        issuedAt: r.issuedAt,
        circulatedAt: r.circulatedAt,
        commentsDueOn: r.commentsDueOn,
        document: await this.documentRef(actor, r.documentId),
        findings: findings.filter((f) => f.reportId === r.id).map((f) => toFinding(f, outcomes)),
        separateOpinions: opinions.filter((o) => o.reportId === r.id).map((o) => ({ text: o.text, textSha256: o.textSha256 })),
        deliberation: onPanel && (r.version === 'INTERIM_REPORT' || r.version === 'FINAL_REPORT') ? await this.deliberation(dispute.id, r.id) : null,
      });
    }
    const meetings = await em.getRepository(AdoptionMeetingEntity).find({ where: { disputeId: dispute.id }, order: { heldAt: 'ASC' } });
    return {
      versions,
      appeal: appeal ? await this.toAppeal(appeal) : null,
      meetings: meetings.map((m) => ({ heldAt: m.heldAt, round: m.round, presentMembers: m.presentMembers, objectingMembers: m.objectingMembers, outcome: m.outcome })),
      adopted: Boolean(dispute.events.REPORT_ADOPTED),
    };
  }

  /** Disputes whose report the body adopted, newest filing first (public). */
  adopted(args: ConnectionArgs): Promise<Page<DisputeEntity>> {
    const qb = this.dataSource.getRepository(DisputeEntity).createQueryBuilder('d').where(`d.events ? 'REPORT_ADOPTED'`);
    return keysetPage(qb, args, { sortExpression: 'd.filed_at', alias: 'd', sortValue: (d) => d.filedAt.toISOString(), direction: 'DESC' }, (d) => d);
  }

  async toAppeal(appeal: AppealEntity): Promise<Appeal> {
    const members = await this.dataSource.getRepository(AppellateMemberEntity).findBy({ id: In(appeal.divisionIds) });
    return {
      id: appeal.id,
      filedAt: appeal.filedAt,
      findingIds: appeal.findingIds,
      seed: appeal.seed,
      division: appeal.divisionIds.map((id) => members.find((m) => m.id === id) as AppellateMemberEntity).map((m) => ({ id: m.id, name: m.name, nationality: m.nationality })),
      delayReason: appeal.delayReason,
    };
  }

  private async documentRef(actor: Actor | null, id: string): Promise<ReportDocumentRef | null> {
    try {
      const doc = await this.documents.get(actor, id);
      return { id: doc.id, title: doc.title, fileName: doc.fileName, sha256: doc.sha256, classification: doc.classification };
    } catch (error) {
      if (error instanceof DomainError && error.category === 'NOT_FOUND') return null;
      throw error;
    }
  }

  private async deliberation(disputeId: string, reportId: string) {
    const seats: { person_id: string }[] = await this.dataSource.query('SELECT person_id FROM panel_seats WHERE dispute_id = $1 AND vacated_at IS NULL', [disputeId]);
    const votes: { person_id: string; name: string; approve: boolean }[] = await this.dataSource.query(
      `SELECT v.person_id, p.name, v.approve FROM report_votes v JOIN roster_persons p ON p.id = v.person_id WHERE v.report_id = $1 ORDER BY p.name`,
      [reportId],
    );
    return { seats: seats.length, needed: majorityOf(seats.length), votes: votes.map((v) => ({ personId: v.person_id, name: v.name, approve: v.approve })) };
  }
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

