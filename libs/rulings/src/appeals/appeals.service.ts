import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, DomainError, badInput, requireRole, MembersService } from '@app/core';
import { hasRunOut, latestRow, liveRow, toIsoDate, type ActionName } from '@app/procedure';
import { DisputeEntity, DisputesService, DocketService, type DocketMessage } from '@app/registry';
import { DataSource, In } from 'typeorm';
import { RecordAppellateReportInput } from '../dto/rulings.input';
import { FindingEntity, ReportEntity } from '../reports/report.entity';
import { RulingsSupport } from '../support';
import { AppealEntity, AppellateMemberEntity, AppellateOutcomeEntity } from './appeal.entity';
import { DIVISION_SIZE, drawDivision, newDrawSeed } from './draw';

/** Appeals (DSU 16.4, 17): the roster, the notice with its drawn division, the appellate report. */
@Injectable()
export class AppealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly support: RulingsSupport,
    private readonly members: MembersService,
  ) {}

  addMember(actor: Actor | null, name: string, nationality: string): Promise<AppellateMemberEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'addAppellateMember' }, async (ctx) => {
      const saved = await ctx.em
        .getRepository(AppellateMemberEntity)
        .save(ctx.em.create(AppellateMemberEntity, { name, nationality, active: true, addedAt: ctx.now }));
      ctx.target('AppellateMember', saved.id, { name, nationality });
      return saved;
    });
  }

  roster(): Promise<AppellateMemberEntity[]> {
    return this.dataSource.getRepository(AppellateMemberEntity).find({ where: { active: true }, order: { name: 'ASC', id: 'ASC' } });
  }

  membersByIds(ids: readonly string[]): Promise<AppellateMemberEntity[]> {
    return ids.length ? this.dataSource.getRepository(AppellateMemberEntity).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  /**
   * DSU 16.4, 17.4: a party appeals before adoption, naming the findings appealed; in compliance
   * proceedings, the compliance report (21.5). The first notice of a proceeding draws three
   * members of the roster by a lot anyone can recompute from the published seed (DSU 17.1);
   * another party's notice within the window (a cross-appeal) is heard by the same division.
   */
  file(actor: Actor | null, disputeId: string, findingIds: string[]): Promise<AppealEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'fileAppeal' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const { action, proceeding } = appealStep(dispute);
      // The engine refuses a non-party (FORBIDDEN), an appeal after adoption or after day 60
      // (INVALID_TRANSITION, DEADLINE_PASSED), a second notice of the same party.
      await this.disputes.perform(ctx, disputeId, action);
      const report = await ctx.em.getRepository(ReportEntity).findOneBy({
        disputeId,
        proceeding,
        version: proceeding === 0 ? 'FINAL_REPORT' : 'COMPLIANCE_REPORT',
        status: 'CIRCULATED',
      });
      const findings = report ? await ctx.em.getRepository(FindingEntity).findBy({ reportId: report.id, id: In(findingIds) }) : [];
      const stranger = findingIds.find((id) => !findings.some((f) => f.id === id));
      if (stranger) throw badInput('findingIds', `${stranger} is not a finding of the circulated report`, 'NOT_A_FINDING');
      const [first] = await ctx.em
        .getRepository(AppealEntity)
        .find({ where: { disputeId, proceeding }, order: { filedAt: 'ASC', crossAppeal: 'ASC', id: 'ASC' }, take: 1 });
      const member = await this.members.existing(ctx.em, delegate.memberId as string);
      let seed: string;
      let divisionIds: string[];
      let docket: DocketMessage;
      if (first) {
        ({ seed, divisionIds } = first);
        docket = { message: 'docket.crossAppealFiled', params: { actor: member.name, findings: findingIds.length } };
      } else {
        const roster = await ctx.em.getRepository(AppellateMemberEntity).findBy({ active: true });
        if (roster.length < DIVISION_SIZE) {
          throw new DomainError(
            'INVALID_TRANSITION',
            'NO_QUORUM',
            `The appellate roster has ${roster.length} member(s); a division needs ${DIVISION_SIZE} (DSU 17.1)`,
          );
        }
        seed = newDrawSeed();
        divisionIds = drawDivision(
          seed,
          roster.map((m) => m.id),
        );
        const names = divisionIds
          .map((id) => roster.find((m) => m.id === id) as AppellateMemberEntity)
          .map((m) => `${m.name} (${m.nationality})`);
        docket = {
          message: 'docket.appellateDivisionDrawn',
          params: {
            actor: member.name,
            findings: findingIds.length,
            rosterSize: roster.length,
            division: names,
            seed,
            divisionSize: DIVISION_SIZE,
          },
        };
      }
      const appeal = await ctx.em.getRepository(AppealEntity).save(
        ctx.em.create(AppealEntity, {
          disputeId,
          proceeding,
          crossAppeal: Boolean(first),
          filedByMemberId: delegate.memberId as string,
          filedAt: ctx.now,
          findingIds,
          seed,
          divisionIds,
          delayReason: null,
        }),
      );
      await this.docket.append(ctx, { disputeId, actorRole: 'SECRETARIAT', kind: 'appellateDivisionDrawn', ...docket });
      ctx.target('Appeal', appeal.id, { disputeId, proceeding, seed, divisionIds, crossAppeal: Boolean(first) });
      return appeal;
    });
  }

  /**
   * The secretariat records the appellate report (the appellate body does not use the system); it
   * is public on circulation. Once the 60 days of DSU 17.5 have run (the engine's limit, which a
   * suspension of the appeal stops), the reasons for the delay are required and docketed.
   */
  recordReport(actor: Actor | null, input: RecordAppellateReportInput): Promise<ReportEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'recordAppellateReport' }, async (ctx) => {
      const { disputeId } = input;
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const proceeding = dispute.stage === 'COMPLIANCE_UNDER_APPEAL' ? dispute.complianceRound : 0;
      const appeals = await ctx.em
        .getRepository(AppealEntity)
        .find({ where: { disputeId, proceeding }, order: { filedAt: 'ASC', crossAppeal: 'ASC', id: 'ASC' } });
      if (!appeals.length || !['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'].includes(dispute.stage)) {
        throw new DomainError('INVALID_TRANSITION', 'NOT_APPEALED', 'No appeal is pending');
      }
      const appealOf = (findingId: string) => appeals.find((a) => a.findingIds.includes(findingId));
      input.outcomes.forEach((o, i) => {
        if (!appealOf(o.findingId)) {
          throw badInput(`input.outcomes.${i}.findingId`, `${o.findingId} is not an appealed finding`, 'NOT_APPEALED_FINDING');
        }
      });
      const snapshot = await this.disputes.procedureOf(ctx.em, disputeId);
      const limit = liveRow(snapshot, 'APPELLATE_REPORT') ?? latestRow(snapshot, 'APPELLATE_REPORT');
      const late = Boolean(limit && (limit.status === 'MISSED' || (limit.status === 'OPEN' && hasRunOut(limit, ctx.now))));
      if (late && !input.delayReason) {
        throw badInput(
          'input.delayReason',
          'The report is later than 60 days after the appeal: give the reasons for the delay (DSU 17.5)',
          'DELAY_REASON_REQUIRED',
        );
      }
      const document = await this.support.storeDocument(ctx, {
        disputeId,
        kind: 'APPELLATE_REPORT',
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content: input.content,
        uploadId: input.uploadId,
        classification: 'PUBLIC',
      });
      const note = late ? `Reasons for the delay (DSU 17.5): ${input.delayReason}` : undefined;
      await this.disputes.perform(ctx, disputeId, 'circulateAppellateReport', {}, note, { documentIds: [document.id] });
      if (late) {
        appeals[0].delayReason = input.delayReason ?? null;
        await ctx.em.getRepository(AppealEntity).save(appeals[0]);
      }
      const report = await ctx.em.getRepository(ReportEntity).save(
        ctx.em.create(ReportEntity, {
          disputeId,
          version: 'APPELLATE_REPORT',
          proceeding,
          status: 'CIRCULATED',
          documentId: document.id,
          title: input.title,
          submittedAt: ctx.now,
          issuedAt: ctx.now,
          circulatedAt: ctx.now,
          commentsDueOn: null,
        }),
      );
      await ctx.em.getRepository(AppellateOutcomeEntity).insert(
        input.outcomes.map((o) => ({
          appealId: (appealOf(o.findingId) as AppealEntity).id,
          findingId: o.findingId,
          outcome: o.outcome,
          reasoning: o.reasoning,
        })),
      );
      ctx.target('Report', report.id, { disputeId, version: 'APPELLATE_REPORT', proceeding, on: toIsoDate(ctx.now) });
      return report;
    });
  }
}

/** Which appeal the stage allows: of the panel report or of a compliance report, or another party's. */
function appealStep(dispute: DisputeEntity): { action: ActionName; proceeding: number } {
  switch (dispute.stage) {
    case 'COMPLIANCE_REPORT_CIRCULATED':
      return { action: 'appealComplianceReport', proceeding: dispute.complianceRound };
    case 'UNDER_APPEAL':
      return { action: 'crossAppeal', proceeding: 0 };
    case 'COMPLIANCE_UNDER_APPEAL':
      return { action: 'crossAppeal', proceeding: dispute.complianceRound };
    default:
      // The engine says why an appeal is not possible at any other stage.
      return { action: 'appeal', proceeding: 0 };
  }
}
