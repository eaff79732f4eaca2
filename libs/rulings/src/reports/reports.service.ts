import { Injectable } from '@nestjs/common';
import { Actor, CommandContext, CommandRunner, DomainError, badInput, forbidden, notFound, requireRole } from '@app/core';
import { liveRow, type ActionName } from '@app/procedure';
import { DisputeEntity, DisputesService, DocketService } from '@app/registry';
import { isUUID } from 'class-validator';
import { CommentOnReportInput, FindingInput, SubmitReportInput } from '../dto/rulings.input';
import { RulingsSupport, sha256 } from '../support';
import { deliberationState, majorityOf } from './majority';
import { FindingEntity, ReportCommentEntity, ReportEntity, ReportVoteEntity, SeparateOpinionEntity } from './report.entity';

const ISSUE_ACTION = {
  INTERIM_REPORT: 'issueInterimReport',
  FINAL_REPORT: 'issueFinalReport',
  COMPLIANCE_REPORT: 'issueComplianceReport',
} as const;

// The parties comment on the descriptive part (DSU 15.1) and request the review of parts of the
// interim report (15.2), within the periods of the panel's timetable: engine steps.
const COMMENT_ACTION: Partial<Record<string, ActionName>> = {
  DESCRIPTIVE_PART: 'commentOnDescriptivePart',
  INTERIM_REPORT: 'commentOnInterimReport',
};

/** The versions of the panel report, the panel's deliberation, and circulation (DSU 12.9, 14, 15, 16.1). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly support: RulingsSupport,
  ) {}

  /**
   * A seated panelist submits a version. The descriptive part is issued to the parties at once
   * (DSU 15.1); an interim or final report is a draft, seen by the panel only, until a majority
   * of the seated panelists approve it and the panel issues it.
   */
  submit(actor: Actor | null, input: SubmitReportInput): Promise<ReportEntity> {
    requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'submitReport' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      await this.support.requireSeat(ctx, dispute.id);
      const descriptive = input.version === 'DESCRIPTIVE_PART';
      if (descriptive && input.findings.length) {
        throw badInput(
          'input.findings',
          'The descriptive part states the facts and arguments; it has no findings (DSU 15.1)',
          'FINDINGS_NOT_ALLOWED',
        );
      }
      if (!descriptive && !input.findings.length) {
        throw badInput(
          'input.findings',
          'An interim, final or compliance report makes findings on the claims (DSU 15.2, 21.5)',
          'FINDINGS_REQUIRED',
        );
      }
      // A compliance report belongs to the compliance proceeding under way (DSU 21.5); the others
      // to the original panel.
      const compliance = input.version === 'COMPLIANCE_REPORT';
      if (compliance && dispute.stage !== 'COMPLIANCE_REVIEW') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'NO_COMPLIANCE_PROCEEDING',
          `A compliance report is drafted in compliance proceedings (DSU 21.5); the dispute is at ${dispute.stage}`,
        );
      }
      const proceeding = compliance ? dispute.complianceRound : 0;
      input.findings.forEach((f, i) => checkTermsOfReference(dispute, f, i));
      const seated = await this.support.seated(ctx, dispute.id);
      const document = await this.support.storeDocument(ctx, {
        disputeId: dispute.id,
        kind: 'PANEL_REPORT',
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content: input.content,
        uploadId: input.uploadId,
        // DSU 14.1: a draft is part of the confidential deliberation, for the panel's eyes only.
        classification: descriptive ? 'RESTRICTED' : 'CONFIDENTIAL',
        readerIds: descriptive ? [] : seated.map((s) => s.userId).filter((id): id is string => !!id),
      });
      const report = await ctx.em.getRepository(ReportEntity).save(
        ctx.em.create(ReportEntity, {
          disputeId: dispute.id,
          version: input.version,
          proceeding,
          status: descriptive ? 'ISSUED' : 'DRAFT',
          documentId: document.id,
          title: input.title,
          submittedAt: ctx.now,
          issuedAt: descriptive ? ctx.now : null,
          circulatedAt: null,
          commentsDueOn: null,
        }),
      );
      if (input.findings.length) {
        await ctx.em.getRepository(FindingEntity).insert(
          input.findings.map((f, position) => ({
            reportId: report.id,
            disputeId: dispute.id,
            position,
            measure: f.measure,
            provision: f.provision,
            finding: f.finding,
            reasoning: f.reasoning,
            recommendation: f.recommendation ?? null,
          })),
        );
      }
      if (descriptive) {
        await this.disputes.perform(ctx, dispute.id, 'issueDescriptivePart', {}, undefined, { documentIds: [document.id] });
      }
      ctx.target('Report', report.id, { disputeId: dispute.id, version: input.version });
      return report;
    });
  }

  /**
   * A seated panelist's vote on a draft, final once cast. The audit names the voter and the
   * report, never the vote; a draft a majority can no longer approve is rejected.
   */
  vote(actor: Actor | null, reportId: string, approve: boolean): Promise<ReportEntity> {
    requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'voteOnReport' }, async (ctx) => {
      const report = await this.lockedReport(ctx, reportId);
      const seat = await this.support.requireSeat(ctx, report.disputeId);
      if (report.status !== 'DRAFT') {
        throw new DomainError('INVALID_TRANSITION', 'NOT_A_DRAFT', `The report is ${report.status}; only a draft is voted on`);
      }
      await ctx.em.getRepository(ReportVoteEntity).insert({ reportId: report.id, personId: seat.personId, approve });
      const { state } = await this.tally(ctx, report);
      if (state === 'REJECTED') {
        report.status = 'REJECTED';
        await ctx.em.getRepository(ReportEntity).save(report);
      }
      ctx.target('Report', report.id);
      return report;
    });
  }

  /**
   * The panel issues an approved draft to the parties (DSU 15.2, 15.3). Issuing is a step of its
   * own, by any seated panelist, so that the moment of a vote never reveals which way it went.
   */
  issue(actor: Actor | null, reportId: string): Promise<ReportEntity> {
    requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'issueReport' }, async (ctx) => {
      const report = await this.lockedReport(ctx, reportId);
      await this.support.requireSeat(ctx, report.disputeId);
      if (report.status !== 'DRAFT' || report.version === 'DESCRIPTIVE_PART' || report.version === 'APPELLATE_REPORT') {
        throw new DomainError('INVALID_TRANSITION', 'NOT_A_DRAFT', `The report is ${report.status}; only an approved draft is issued`);
      }
      const { state, needed, seats } = await this.tally(ctx, report);
      if (state !== 'APPROVED') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'NOT_APPROVED',
          `A majority of the panel (${needed} of ${seats}) must approve the draft first (DSU 14)`,
        );
      }
      await this.disputes.perform(ctx, report.disputeId, ISSUE_ACTION[report.version], {}, undefined, { documentIds: [report.documentId] });
      await this.setClassification(ctx, report.documentId, 'RESTRICTED');
      report.status = 'ISSUED';
      report.issuedAt = ctx.now;
      if (report.version === 'INTERIM_REPORT') {
        // The interim review period of the panel's timetable, kept at its planned length when the
        // report came late (the engine moved it in the step just taken).
        const snapshot = await this.disputes.procedureOf(ctx.em, report.disputeId);
        report.commentsDueOn = liveRow(snapshot, 'TIMETABLE_REVIEW_REQUESTS')?.dueDate ?? null;
      }
      const saved = await ctx.em.getRepository(ReportEntity).save(report);
      ctx.target('Report', report.id, { disputeId: report.disputeId, version: report.version });
      return saved;
    });
  }

  /**
   * DSU 14.3: a separate opinion, unsigned. The row has no author and no time; the audit names
   * the actor with the report as target and no details, never the opinion.
   */
  separateOpinion(actor: Actor | null, reportId: string, text: string): Promise<boolean> {
    requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'submitSeparateOpinion' }, async (ctx) => {
      const report = await this.lockedReport(ctx, reportId);
      await this.support.requireSeat(ctx, report.disputeId);
      if (
        !['INTERIM_REPORT', 'FINAL_REPORT', 'COMPLIANCE_REPORT'].includes(report.version) ||
        !['DRAFT', 'ISSUED'].includes(report.status)
      ) {
        throw new DomainError(
          'INVALID_TRANSITION',
          'OPINION_CLOSED',
          'Separate opinions go with an interim or final report before circulation',
        );
      }
      await ctx.em.getRepository(SeparateOpinionEntity).insert({ reportId: report.id, text, textSha256: sha256(text) });
      ctx.target('Report', report.id);
      return true;
    });
  }

  /**
   * DSU 15.1-15.2: a party comments on the descriptive part, or asks for the review of parts of
   * the interim report, within the period of the panel's timetable (the engine's step checks the
   * party and the period).
   */
  comment(actor: Actor | null, input: CommentOnReportInput): Promise<ReportCommentEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'commentOnReport' }, async (ctx) => {
      const report = await this.lockedReport(ctx, input.reportId);
      const parties = await this.disputes.partiesOf(ctx.em, report.disputeId);
      const place = parties.find((p) => p.memberId === delegate.memberId)?.kind;
      if (place !== 'COMPLAINANT' && place !== 'RESPONDENT') {
        throw forbidden('Only the parties comment on the descriptive part and the interim report (DSU 15.1, 15.2)', 'NOT_A_PARTY');
      }
      const action = COMMENT_ACTION[report.version];
      if (!action || report.status !== 'ISSUED') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'NOT_OPEN_TO_COMMENTS',
          'Comments are made on the issued descriptive part or interim report',
        );
      }
      const document = await this.support.storeDocument(ctx, {
        disputeId: report.disputeId,
        kind: 'COMMENTS_ON_REPORT',
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content: input.content,
        uploadId: input.uploadId,
        classification: 'RESTRICTED',
        filedForMemberId: delegate.memberId,
      });
      const saved = await ctx.em.getRepository(ReportCommentEntity).save(
        ctx.em.create(ReportCommentEntity, {
          reportId: report.id,
          memberId: delegate.memberId as string,
          documentId: document.id,
          filedAt: ctx.now,
        }),
      );
      await this.disputes.perform(ctx, report.disputeId, action, {}, undefined, { documentIds: [document.id] });
      ctx.target('ReportComment', saved.id, { reportId: report.id });
      return saved;
    });
  }

  /**
   * DSU 16.1 and docs/procedure.md §3: the secretariat circulates the final report to all members;
   * it becomes public on circulation.
   */
  circulate(actor: Actor | null, disputeId: string): Promise<ReportEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'circulateReport' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      // The panel's final report, or in compliance proceedings the compliance panel's (DSU 21.5).
      const compliance = dispute.stage === 'COMPLIANCE_REVIEW';
      const report = await ctx.em.getRepository(ReportEntity).findOneBy({
        disputeId,
        proceeding: compliance ? dispute.complianceRound : 0,
        version: compliance ? 'COMPLIANCE_REPORT' : 'FINAL_REPORT',
        status: 'ISSUED',
      });
      // The engine refuses first (stage, role, the report issued), with its own reasons.
      await this.disputes.perform(ctx, disputeId, compliance ? 'circulateComplianceReport' : 'circulateReport', {}, undefined, {
        documentIds: report ? [report.documentId] : [],
      });
      if (!report) throw new DomainError('INVALID_TRANSITION', 'NO_FINAL_REPORT', 'The panel has not issued its report');
      await this.setClassification(ctx, report.documentId, 'PUBLIC');
      report.status = 'CIRCULATED';
      report.circulatedAt = ctx.now;
      const saved = await ctx.em.getRepository(ReportEntity).save(report);
      ctx.target('Report', report.id, { disputeId });
      return saved;
    });
  }

  private async setClassification(ctx: CommandContext, documentId: string, classification: 'RESTRICTED' | 'PUBLIC'): Promise<void> {
    await this.support.reclassify(ctx, documentId, classification);
  }

  /** The report, after locking its dispute (the order every rulings step locks in). */
  private async lockedReport(ctx: CommandContext, reportId: string): Promise<ReportEntity> {
    const found = isUUID(reportId) ? await ctx.em.getRepository(ReportEntity).findOneBy({ id: reportId }) : null;
    if (!found) throw notFound('Report', reportId, 'REPORT_NOT_FOUND');
    await this.disputes.lockForUpdate(ctx, found.disputeId, true);
    return ctx.em.getRepository(ReportEntity).findOneByOrFail({ id: reportId });
  }

  private async tally(ctx: CommandContext, report: ReportEntity) {
    const seats = (await this.support.seated(ctx, report.disputeId)).length;
    const votes = await ctx.em.getRepository(ReportVoteEntity).findBy({ reportId: report.id });
    const approvals = votes.filter((v) => v.approve).length;
    return { seats, needed: majorityOf(seats), state: deliberationState(seats, approvals, votes.length - approvals) };
  }
}

/** DSU 7.1: a finding is on a claim within the terms of reference, the dispute's measures and provisions. */
function checkTermsOfReference(dispute: DisputeEntity, finding: FindingInput, index: number): void {
  if (!dispute.measures.includes(finding.measure)) {
    throw badInput(
      `input.findings.${index}.measure`,
      `"${finding.measure}" is not a measure in the terms of reference (${dispute.measures.join('; ')})`,
      'NOT_IN_TERMS_OF_REFERENCE',
    );
  }
  if (!dispute.legalBasis.includes(finding.provision)) {
    throw badInput(
      `input.findings.${index}.provision`,
      `"${finding.provision}" is not a provision in the terms of reference (${dispute.legalBasis.join('; ')})`,
      'NOT_IN_TERMS_OF_REFERENCE',
    );
  }
}
