import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, DomainError, MemberEntity, badInput, requireRole } from '@app/core';
import { DisputesService, DocketService, toIsoDate } from '@app/registry';
import { DataSource, In } from 'typeorm';
import { RecordAppellateReportInput } from '../dto/rulings.input';
import { FindingEntity, ReportEntity } from '../reports/report.entity';
import { RulingsSupport } from '../support';
import { AppealEntity, AppellateMemberEntity, AppellateOutcomeEntity } from './appeal.entity';
import { DIVISION_SIZE, drawDivision, newDrawSeed } from './draw';

// DSU 17.5: the appellate report within 60 days of the notice of appeal; the reasons for a delay are given.
const APPELLATE_REPORT_DAYS = 60;
const DAY_MS = 86_400_000;

/** Appeals (DSU 16.4, 17): the roster, the notice with its drawn division, the appellate report. */
@Injectable()
export class AppealsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly support: RulingsSupport,
  ) {}

  addMember(actor: Actor | null, name: string, nationality: string): Promise<AppellateMemberEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'addAppellateMember' }, async (ctx) => {
      const saved = await ctx.em.getRepository(AppellateMemberEntity).save(
        ctx.em.create(AppellateMemberEntity, { name, nationality, active: true, addedAt: ctx.now }),
      );
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
   * DSU 16.4, 17.4: a party appeals before adoption, naming the findings appealed. Three members
   * of the roster are drawn by a lot anyone can recompute from the published seed (DSU 17.1).
   */
  file(actor: Actor | null, disputeId: string, findingIds: string[]): Promise<AppealEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'fileAppeal' }, async (ctx) => {
      await this.disputes.lockForUpdate(ctx, disputeId, true);
      // The engine refuses a non-party (FORBIDDEN) and an appeal after adoption (INVALID_TRANSITION).
      await this.disputes.perform(ctx, disputeId, 'appeal');
      const report = await ctx.em.getRepository(ReportEntity).findOneBy({ disputeId, version: 'FINAL_REPORT', status: 'CIRCULATED' });
      const findings = report ? await ctx.em.getRepository(FindingEntity).findBy({ reportId: report.id, id: In(findingIds) }) : [];
      const stranger = findingIds.find((id) => !findings.some((f) => f.id === id));
      if (stranger) throw badInput('findingIds', `${stranger} is not a finding of the circulated panel report`, 'NOT_A_FINDING');
      const roster = await ctx.em.getRepository(AppellateMemberEntity).findBy({ active: true });
      if (roster.length < DIVISION_SIZE) {
        throw new DomainError('INVALID_TRANSITION', 'NO_QUORUM', `The appellate roster has ${roster.length} member(s); a division needs ${DIVISION_SIZE} (DSU 17.1)`);
      }
      const seed = newDrawSeed();
      const divisionIds = drawDivision(seed, roster.map((m) => m.id));
      const appeal = await ctx.em.getRepository(AppealEntity).save(
        ctx.em.create(AppealEntity, { disputeId, filedByMemberId: delegate.memberId as string, filedAt: ctx.now, findingIds, seed, divisionIds, delayReason: null }),
      );
      const member = await ctx.em.getRepository(MemberEntity).findOneByOrFail({ id: delegate.memberId as string });
      const names = divisionIds.map((id) => roster.find((m) => m.id === id) as AppellateMemberEntity).map((m) => `${m.name} (${m.nationality})`);
      await this.docket.append(ctx, {
        disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'appellateDivisionDrawn',
        text:
          `${member.name} appealed ${findingIds.length} finding(s). Division drawn by lot from ${roster.length} members: ${names.join(', ')}. ` +
          `Seed ${seed}: order the roster by SHA-256(seed + ':' + member id) and take the first ${DIVISION_SIZE}.`,
      });
      ctx.target('Appeal', appeal.id, { disputeId, seed, divisionIds });
      return appeal;
    });
  }

  /** The secretariat records the appellate report (the appellate body does not use the system); it is public on circulation. */
  recordReport(actor: Actor | null, input: RecordAppellateReportInput): Promise<ReportEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'recordAppellateReport' }, async (ctx) => {
      const { disputeId } = input;
      await this.disputes.lockForUpdate(ctx, disputeId, true);
      const appeal = await ctx.em.getRepository(AppealEntity).findOneBy({ disputeId });
      if (!appeal) throw new DomainError('INVALID_TRANSITION', 'NOT_APPEALED', 'The panel report has not been appealed');
      input.outcomes.forEach((o, i) => {
        if (!appeal.findingIds.includes(o.findingId)) {
          throw badInput(`input.outcomes.${i}.findingId`, `${o.findingId} is not an appealed finding`, 'NOT_APPEALED_FINDING');
        }
      });
      const late = ctx.now.getTime() - appeal.filedAt.getTime() > APPELLATE_REPORT_DAYS * DAY_MS;
      if (late && !input.delayReason) {
        throw badInput('input.delayReason', 'The report is later than 60 days after the appeal: give the reasons for the delay (DSU 17.5)', 'DELAY_REASON_REQUIRED');
      }
      const document = await this.support.storeDocument(ctx, {
        disputeId,
        kind: 'APPELLATE_REPORT',
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content: input.content,
        classification: 'PUBLIC',
      });
      const note = late ? `Reasons for the delay (DSU 17.5): ${input.delayReason}` : undefined;
      await this.disputes.perform(ctx, disputeId, 'circulateAppellateReport', {}, note, { documentIds: [document.id] });
      if (late) {
        appeal.delayReason = input.delayReason ?? null;
        await ctx.em.getRepository(AppealEntity).save(appeal);
      }
      const report = await ctx.em.getRepository(ReportEntity).save(
        ctx.em.create(ReportEntity, {
          disputeId,
          version: 'APPELLATE_REPORT',
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
        input.outcomes.map((o) => ({ appealId: appeal.id, findingId: o.findingId, outcome: o.outcome, reasoning: o.reasoning })),
      );
      ctx.target('Report', report.id, { disputeId, version: 'APPELLATE_REPORT', on: toIsoDate(ctx.now) });
      return report;
    });
  }
}
