import { Injectable } from '@nestjs/common';
import { isTerminalStage } from '@app/procedure';
import { PanelSeatsService, StepProviders, engineSteps, type AvailableStep, type AvailableSteps, type StepQuery } from '@app/registry';
import { DataSource } from 'typeorm';
import { AdoptionObjectionEntity } from './adoption/adoption.entity';
import { beforeBody } from './adoption/adoption.service';
import { deliberationState, majorityOf } from './reports/majority';
import { ReportEntity, ReportVoteEntity } from './reports/report.entity';

// The engine's steps the rulings' mutations take.
const ENGINE_MUTATIONS: Readonly<Record<string, string>> = {
  circulateReport: 'circulateReport',
  circulateComplianceReport: 'circulateReport',
  appeal: 'fileAppeal',
  crossAppeal: 'fileAppeal',
  appealComplianceReport: 'fileAppeal',
  circulateAppellateReport: 'recordAppellateReport',
  adoptReport: 'recordAdoptionMeeting',
  adoptAppellateReport: 'recordAdoptionMeeting',
  decideNotToAdopt: 'recordAdoptionMeeting',
  adoptComplianceReport: 'recordAdoptionMeeting',
  adoptComplianceAppellateReport: 'recordAdoptionMeeting',
  decideNotToAdoptComplianceReport: 'recordAdoptionMeeting',
  commentOnDescriptivePart: 'commentOnReport',
  commentOnInterimReport: 'commentOnReport',
};

const ISSUE_ACTION: Readonly<Partial<Record<string, string>>> = {
  INTERIM_REPORT: 'issueInterimReport',
  FINAL_REPORT: 'issueFinalReport',
  COMPLIANCE_REPORT: 'issueComplianceReport',
};

/** The rulings' steps in a dispute, for `dispute.allowedActions`. */
@Injectable()
export class RulingsSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seats: PanelSeatsService,
    steps: StepProviders,
  ) {
    steps.register((query) => this.stepsOf(query));
  }

  private async stepsOf(query: StepQuery): Promise<AvailableSteps> {
    const { actor, dispute, engine } = query;
    const fromEngine = engineSteps(engine, ENGINE_MUTATIONS);
    const now: AvailableStep[] = [...fromEngine.now];
    if (isTerminalStage(dispute.stage)) return fromEngine;

    // DSU 16.2: a member objects to the report before the body, once.
    if (actor.role === 'MEMBER_DELEGATE' && actor.memberId) {
      const before = tryBeforeBody(dispute);
      if (before) {
        const objected = await this.dataSource
          .getRepository(AdoptionObjectionEntity)
          .existsBy({ disputeId: dispute.id, proceeding: before.proceeding, round: before.round, memberId: actor.memberId });
        if (!objected) now.push({ action: 'objectToAdoption', mutation: 'objectToAdoption' });
      }
    }

    // The panel drafts, deliberates and issues (DSU 14, 15).
    if (actor.role === 'PANELIST') {
      const seat = (await this.seats.byDispute(query.loaders).load(dispute.id)).find((s) => s.userId === actor.userId);
      if (seat) {
        now.push({ action: 'submitReport', mutation: 'submitReport' });
        const drafts = await this.dataSource.getRepository(ReportEntity).findBy({ disputeId: dispute.id, status: 'DRAFT' });
        const seated = (await this.seats.byDispute(query.loaders).load(dispute.id)).length;
        for (const draft of drafts) {
          const votes = await this.dataSource.getRepository(ReportVoteEntity).findBy({ reportId: draft.id });
          if (!votes.some((v) => v.personId === seat.personId)) now.push({ action: 'voteOnReport', mutation: 'voteOnReport' });
          const approvals = votes.filter((v) => v.approve).length;
          const approved = deliberationState(seated, approvals, votes.length - approvals) === 'APPROVED' && majorityOf(seated) > 0;
          const issue = ISSUE_ACTION[draft.version];
          if (approved && issue && engine.now.includes(issue as never)) now.push({ action: issue, mutation: 'issueReport' });
          if (issue) now.push({ action: 'submitSeparateOpinion', mutation: 'submitSeparateOpinion' });
        }
      }
    }
    return { now: dedupe(now), later: fromEngine.later };
  }
}

function tryBeforeBody(dispute: Parameters<typeof beforeBody>[0]) {
  try {
    return beforeBody(dispute);
  } catch {
    return null;
  }
}

function dedupe(steps: AvailableStep[]): AvailableStep[] {
  const seen = new Set<string>();
  return steps.filter((step) => {
    const key = `${step.mutation}:${step.action}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
