import { Injectable } from '@nestjs/common';
import { CommandContext, MembersService } from '@app/core';
import { DEADLINE_RULES, deadlineDates, hasRunOut, type ClosedDays } from '@app/procedure';
import { In } from 'typeorm';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService, toDeadlineRow } from '../deadlines/deadlines.service';
import { DocketService } from '../docket/docket.service';
import type { DocumentEntity } from './document.entity';
import { SummaryRequestEntity } from './summary-request.entity';

const RULE = 'NON_CONFIDENTIAL_SUMMARY';

/** How a request for a summary ended when the summary (or the submission itself) came. */
export interface AnsweredRequest {
  member: string;
  status: 'MET' | 'MISSED';
}

/**
 * DSU 18.2: the time limits of the members' requests for non-confidential summaries, one row per
 * request naming the submission (the body gives 30 days: NON_CONFIDENTIAL_SUMMARY). They are not
 * the engine's rows: the dispute's stage does not touch them (the summary is owed for a submission
 * made, whatever became of the panel), and they are met and missed here, by id.
 */
@Injectable()
export class SummaryRequestsService {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly docket: DocketService,
    private readonly members: MembersService,
  ) {}

  /** The request the member made for a summary of the document, if any. */
  previous(ctx: CommandContext, documentId: string, memberId: string): Promise<SummaryRequestEntity | null> {
    return ctx.em.getRepository(SummaryRequestEntity).findOneBy({ documentId, memberId });
  }

  /** Records the request and opens its time limit, counted from today. The caller dockets it. */
  async open(ctx: CommandContext, doc: DocumentEntity, memberId: string, closed: ClosedDays): Promise<DeadlineEntity> {
    const dates = deadlineDates(ctx.now, DEADLINE_RULES[RULE], { closed });
    const row = await this.deadlines.openForSubject(ctx, doc.disputeId, doc.id, { rule: RULE, ...dates });
    await ctx.em.getRepository(SummaryRequestEntity).insert({ documentId: doc.id, memberId, requestedAt: ctx.now, deadlineId: row.id });
    return row;
  }

  /**
   * The summary of `documentId` is given (or the submission itself made public): each request
   * still OPEN is MET, or MISSED if its period has run out, for a late answer never turns a
   * missed limit into a met one. Rows already MISSED stay so.
   */
  async answer(ctx: CommandContext, documentId: string): Promise<AnsweredRequest[]> {
    const rows = await ctx.em.getRepository(DeadlineEntity).findBy({ subjectId: documentId, rule: RULE, status: 'OPEN' });
    if (rows.length === 0) return [];
    const requests = await ctx.em.getRepository(SummaryRequestEntity).findBy({ deadlineId: In(rows.map((r) => r.id)) });
    const members = await this.members.byIds(
      ctx.em,
      requests.map((r) => r.memberId),
    );
    const answered: AnsweredRequest[] = [];
    for (const row of [...rows].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())) {
      // A deadline: run out, it is missed; a summary filed late does not make it met.
      const status = hasRunOut(toDeadlineRow(row), ctx.now) ? 'MISSED' : 'MET';
      await this.deadlines.settleById(ctx, row.id, status);
      const memberId = requests.find((r) => r.deadlineId === row.id)?.memberId;
      answered.push({ member: members.find((m) => m.id === memberId)?.name ?? 'a member', status });
    }
    return answered;
  }

  /** The OPEN rows of a dispute whose period has run out at `now`: what the worker records MISSED. */
  async runOut(ctx: Pick<CommandContext, 'em'>, disputeId: string, now: Date): Promise<DeadlineEntity[]> {
    return this.runOutAmong(await ctx.em.getRepository(DeadlineEntity).findBy({ disputeId, rule: RULE, status: 'OPEN' }), now);
  }

  /** `runOut` among rows the caller read already (the sweep reads every row of the dispute once). */
  runOutAmong(rows: readonly DeadlineEntity[], now: Date): DeadlineEntity[] {
    return rows.filter((row) => row.rule === RULE && row.status === 'OPEN' && row.subjectId !== null && hasRunOut(toDeadlineRow(row), now));
  }

  /** Records run-out rows MISSED, by id, each with a docket entry naming who asked whom for what. */
  async expire(ctx: CommandContext, rows: readonly DeadlineEntity[]): Promise<number> {
    let expired = 0;
    for (const row of rows) {
      if (!(await this.deadlines.settleById(ctx, row.id, 'MISSED'))) continue;
      expired += 1;
      const [request]: { requester_id: string; author_id: string | null; kind: DocumentEntity['kind'] }[] = await ctx.em.query(
        `SELECT r.member_id AS requester_id, d.filed_for_member_id AS author_id, d.kind
           FROM summary_requests r JOIN documents d ON d.id = r.document_id
          WHERE r.deadline_id = $1`,
        [row.id],
      );
      // The members' names from core, which owns them.
      const names = new Map(
        request
          ? (
              await this.members.byIds(
                ctx.em,
                [request.requester_id, request.author_id].filter((id): id is string => !!id),
              )
            ).map((m) => [m.id, m.name])
          : [],
      );
      const about = request && {
        requester: names.get(request.requester_id),
        author: request.author_id ? names.get(request.author_id) : undefined,
        kind: request.kind,
      };
      const rule = DEADLINE_RULES[RULE];
      await this.docket.append(ctx, {
        disputeId: row.disputeId,
        actorRole: 'SYSTEM',
        kind: 'deadlineMissed',
        ...(about
          ? {
              message: 'docket.summaryMissed',
              params: {
                rule: RULE,
                article: rule.article,
                author: about.author ?? 'the party',
                requester: about.requester ?? 'a member',
                documentKind: about.kind,
                dueDay: row.dueDate,
              },
            }
          : { message: 'docket.deadlineMissed', params: { rule: RULE, article: rule.article, description: rule.description } }),
      });
    }
    return expired;
  }
}
