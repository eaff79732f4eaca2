import { Injectable } from '@nestjs/common';
import {
  Actor,
  Clock,
  CommandContext,
  CommandRunner,
  EntityRows,
  MEMBER_COLUMNS,
  MemberEntity,
  MembersService,
  ConnectionArgs,
  Page,
  RequestLoaders,
  SqlParams,
  groupedInKeyOrder,
  badInput,
  forbidden,
  keysetPage,
  keysetPageSql,
  notFound,
  requireRole,
} from '@app/core';
import { ActionParams, ActorRole, allowedActions, decide, openDispute, type DisputeSnapshot } from '@app/procedure';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { BodyMeetingsService } from '../body-meetings/body-meetings.service';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { DeadlinesService, toDeadlineRow } from '../deadlines/deadlines.service';
import { DocketService } from '../docket/docket.service';
import type { DocketMessage, DocketOrgan, DocketParams } from '../docket/docket-text';
import { PanelSeatsService } from '../panel-seats/panel-seats.service';
import { refusalError } from '../registry.errors';
import { DisputePartyEntity, PARTY_KINDS, type PartyKind } from './dispute-party.entity';
import { DISPUTE_SUMMARY_COLUMNS, type DisputeSummary } from './dispute.type';
import { DisputeStagePeriodEntity } from './dispute-stage-period.entity';
import { DISPUTE_SEARCH_VECTOR, DisputeEntity, docketNumber } from './dispute.entity';
import { applyState, toSnapshot } from './dispute.snapshot';
import { docketRole, rolesInDispute } from './dispute-roles';
import { DisputesArgs, RequestConsultationsInput, TakeActionInput } from './dto/dispute.input';
import { StageObservers } from './stage-observers';
import { AvailableSteps, StepProviders, engineSteps } from './available-steps';
import { REGISTRY_ACTIONS } from './registry-actions';
import { DisputeTranslationEntity } from '../languages/dispute-translation.entity';
import { parseLanguage } from '../languages/language';
import { parseTranslations } from '../languages/translations';
import { isThirdPartyStep, recordThirdPartyStep, refineAllowedActions, refuseSecondJoin } from './third-parties';

/** A party of a dispute with its member, as the parties of a page of disputes are read. */
export type PartyWithMember = DisputePartyEntity & { member: Pick<MemberEntity, (typeof MEMBER_COLUMNS)[number]> };

/**
 * Disputes and their procedure. Every change of a dispute goes through {@link perform}: the
 * engine decides, then the dispute, its deadlines, its stage history and its docket change in the
 * command's one transaction.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly deadlines: DeadlinesService,
    private readonly docket: DocketService,
    private readonly closedDays: ClosedDaysService,
    private readonly clock: Clock,
    private readonly seats: PanelSeatsService,
    private readonly stageObservers: StageObservers,
    private readonly meetings: BodyMeetingsService,
    private readonly steps: StepProviders,
    private readonly members: MembersService,
  ) {
    this.summaryRows = new EntityRows(dataSource, DisputeEntity, '', DISPUTE_SUMMARY_COLUMNS);
    this.partyRows = new EntityRows(dataSource, DisputePartyEntity);
    this.partyMemberRows = new EntityRows(dataSource, MemberEntity, 'm_', MEMBER_COLUMNS);
  }

  private readonly summaryRows: EntityRows<DisputeEntity, (typeof DISPUTE_SUMMARY_COLUMNS)[number]>;
  private readonly partyRows: EntityRows<DisputePartyEntity>;
  private readonly partyMemberRows: EntityRows<MemberEntity, (typeof MEMBER_COLUMNS)[number]>;

  /** DSU 4.3-4.4: a member requests consultations; the request is circulated to all members. */
  async requestConsultations(actor: Actor | null, input: RequestConsultationsInput): Promise<DisputeEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    const language = input.language == null ? 'en' : parseLanguage(input.language, 'input.language');
    const translations = parseTranslations(language, input.translations, 'input.translations');
    return this.commands.run({ actor, operation: 'requestConsultations' }, async (ctx) => {
      const complainant = await this.members.existing(ctx.em, delegate.memberId as string);
      if (complainant.status !== 'ACTIVE') {
        throw forbidden(`${complainant.name} is suspended and cannot file a dispute`, 'MEMBER_SUSPENDED');
      }
      if (input.respondents.includes(complainant.code)) {
        throw badInput('input.respondents', `${complainant.code} cannot be a respondent to its own complaint`, 'SELF_RESPONDENT');
      }
      const respondents = await this.members.byCodes(ctx.em, input.respondents);
      const unknown = input.respondents.filter((code) => !respondents.some((m) => m.code === code));
      if (unknown.length) {
        throw badInput('input.respondents', `No member has the code ${unknown.join(', ')}`, 'UNKNOWN_MEMBER');
      }
      const snapshot = openDispute({ filedAt: ctx.now, urgent: input.urgent }, await this.closedDays.forCommand(ctx));
      const dispute = ctx.em.create(DisputeEntity, {
        title: input.title,
        summary: input.summary,
        language,
        measures: input.measures,
        legalBasis: input.legalBasis,
        urgent: input.urgent,
        filedAt: ctx.now,
        stageEnteredAt: ctx.now,
      });
      applyState(dispute, snapshot);
      const saved = await ctx.em.getRepository(DisputeEntity).save(dispute);
      await ctx.em
        .getRepository(DisputePartyEntity)
        .insert([
          { disputeId: saved.id, memberId: complainant.id, kind: 'COMPLAINANT', joinedAt: ctx.now },
          ...respondents.map((m) => ({ disputeId: saved.id, memberId: m.id, kind: 'RESPONDENT' as const, joinedAt: ctx.now })),
        ]);
      await ctx.em.getRepository(DisputeStagePeriodEntity).insert({
        disputeId: saved.id,
        stage: saved.stage,
        enteredAt: ctx.now,
        leftAt: null,
      });
      if (translations.length) {
        await ctx.em
          .getRepository(DisputeTranslationEntity)
          .insert(translations.map((t) => ({ ...t, disputeId: saved.id, addedAt: ctx.now, addedById: delegate.userId })));
      }
      await this.deadlines.open(ctx, saved.id, snapshot.deadlines);
      await this.docket.append(ctx, {
        disputeId: saved.id,
        actorRole: 'COMPLAINANT',
        kind: 'requestConsultations',
        message: 'docket.requestConsultations',
        params: { complainant: complainant.name, respondents: respondents.map((m) => m.name), urgent: input.urgent, title: input.title },
      });
      ctx.target('Dispute', saved.id, {
        docketNumber: docketNumber(saved),
        respondents: input.respondents,
        language,
        ...(translations.length ? { translations: translations.map((t) => t.language) } : {}),
      });
      return saved;
    });
  }

  /** A procedure step by a user, through the engine. */
  takeAction(actor: Actor | null, input: TakeActionInput): Promise<DisputeEntity> {
    return this.commands.run({ actor, operation: input.action }, async (ctx) => {
      const params: ActionParams = {
        ...(input.extension ? { extension: input.extension } : {}),
        ...(input.rptEndsOn ? { rptEndsOn: input.rptEndsOn } : {}),
      };
      return this.perform(ctx, input.disputeId, input.action, params, input.note, {
        meetingId: input.meetingId,
        memberCode: input.memberCode,
      });
    });
  }

  /**
   * Takes one step of the procedure inside a command: locks the dispute (a concurrent step gets
   * CONFLICT rather than acting on a state that is about to change), asks the engine, and writes
   * what it decided. Other modules call this for the steps they own.
   */
  async perform(
    ctx: CommandContext,
    disputeId: string,
    action: string,
    params: ActionParams = {},
    note?: string,
    options: {
      documentIds?: string[];
      /**
       * For a module acting on a decision taken earlier by someone else: e.g. an election the
       * secretariat opened closes at its set time and the system records the composition on the
       * secretariat's behalf (DSU 8.6). Never taken from a client.
       */
      onBehalfOf?: ActorRole[];
      /** A decision of the body: the meeting that took it (its notice and quorum are checked). */
      meetingId?: string;
      /** Replaces the engine's docket message, for a module that words the step more fully. */
      docket?: DocketMessage;
      /** Parameters of a sentence after the step's (see `renderDocketText`: an adoption meeting's count). */
      addendum?: DocketParams;
      /** For acceptJoinRequest and rejectJoinRequest: the member whose request is answered (DSU 4.11). */
      memberCode?: string;
    } = {},
  ): Promise<DisputeEntity> {
    // The closed days before the dispute: the order a change of them takes its locks in too.
    const closed = await this.closedDays.forCommand(ctx);
    const dispute = await this.lockForUpdate(ctx, disputeId);
    const parties = await ctx.em.getRepository(DisputePartyEntity).findBy({ disputeId });
    const seat = ctx.actor?.role === 'PANELIST' ? await this.seats.seatOf(ctx.em, disputeId, ctx.actor.userId) : null;
    const roles = options.onBehalfOf ?? rolesInDispute(ctx.actor, parties, seat);
    const ownPlace = parties.find((p) => p.memberId === ctx.actor?.memberId);
    if (ownPlace?.kind === 'THIRD_PARTY' && isThirdPartyStep(action)) {
      const member = await this.members.existing(ctx.em, ownPlace.memberId);
      refuseSecondJoin(action, ownPlace, member.name);
    }
    const rows = await this.deadlines.rowsOf(ctx.em, disputeId);
    const meeting = options.meetingId ? await this.meetings.facts(ctx.em, options.meetingId) : null;
    const decision = decide(toSnapshot(dispute, rows.map(toDeadlineRow)), roles, action, ctx.now, closed, {
      ...params,
      ...(note ? { reasons: note } : {}),
      ...(meeting ? { meeting: meeting.facts } : {}),
    });
    if (!decision.allowed) throw refusalError(decision);

    // Who takes part in which capacity (DSU 4.11, 10.2): the engine knows stage and actor only.
    const thirdPartyStep = isThirdPartyStep(decision.action)
      ? await recordThirdPartyStep(ctx, disputeId, decision.action, parties, options.memberCode, this.members)
      : null;
    // A step takes effect when the engine says: an automatic adoption as of the end of day 60.
    const at = decision.effectiveAt;
    if (decision.to !== decision.from) {
      await ctx.em.getRepository(DisputeStagePeriodEntity).update({ disputeId, leftAt: IsNull() }, { leftAt: at });
      await ctx.em.getRepository(DisputeStagePeriodEntity).insert({ disputeId, stage: decision.to, enteredAt: at, leftAt: null });
      dispute.stageEnteredAt = at;
    }
    applyState(dispute, decision.state);
    const saved = await ctx.em.getRepository(DisputeEntity).save(dispute);
    await this.deadlines.apply(ctx, disputeId, decision);
    const role = decision.actingAs ?? docketRole(ctx.actor, roles);
    const step = thirdPartyStep?.docket ??
      options.docket ?? {
        message: `docket.step.${decision.action}`,
        // Who acted, when the step's sentence names them (DSU 3.10: the record of who did what).
        params: {
          ...decision.docketParams,
          ...(decision.transition.docketText.includes('{actor}') ? await this.actorParam(ctx, decision.actingAs) : {}),
        },
      };
    await this.docket.append(ctx, {
      disputeId,
      actorRole: role,
      kind: decision.action,
      message: step.message,
      params: {
        ...step.params,
        // The meeting of the body that took the decision (only a decision of the body is taken at
        // one: a meeting named with another step is no part of it), and the actor's note.
        ...(meeting && decision.transition.atMeeting
          ? { meetingDay: meeting.meeting.heldOn, meetingPresent: meeting.facts.present, meetingMembers: meeting.facts.members }
          : {}),
        ...options.addendum,
        ...(note ? { note } : {}),
      },
      documentIds: options.documentIds,
    });
    if (decision.to !== decision.from)
      await this.stageObservers.notify(ctx, { dispute: saved, from: decision.from, to: decision.to, role });
    ctx.target('Dispute', disputeId, {
      docketNumber: docketNumber(saved),
      action,
      from: decision.from,
      to: decision.to,
      as: role,
      ...thirdPartyStep?.target,
    });
    return saved;
  }

  /**
   * Who acted, as the docket says it (DSU 3.10, the public record of who did what): the member
   * for a party or a member acting in its own name, else the organ.
   */
  private async actorParam(ctx: CommandContext, as: ActorRole): Promise<{ actor: string } | { actorOrgan: DocketOrgan }> {
    switch (as) {
      case 'COMPLAINANT':
      case 'RESPONDENT':
      case 'THIRD_PARTY':
      case 'MEMBER': {
        // The member's name as it is now: the record of who acted, kept as it was then.
        const memberId = ctx.actor?.memberId;
        const [member] = memberId ? await this.members.byIds(ctx.em, [memberId]) : [];
        return member ? { actor: member.name } : { actorOrgan: 'MEMBER' };
      }
      case 'PANEL':
      case 'PANEL_CHAIR':
        return { actorOrgan: 'PANEL' };
      case 'BODY':
        return { actorOrgan: 'BODY' };
      case 'SECRETARIAT':
        return { actorOrgan: 'SECRETARIAT' };
      case 'SYSTEM':
        return { actorOrgan: 'SYSTEM' };
    }
  }

  /**
   * Locks the dispute's row for the command. A procedure step does not wait (`nowait`): acting on
   * a state that is about to change is a CONFLICT. A filing waits its turn, since two parties may
   * file at the same moment and both filings are valid.
   */
  async lockForUpdate(ctx: CommandContext, disputeId: string, wait = false): Promise<DisputeEntity> {
    if (!isUUID(disputeId)) throw notFound('Dispute', disputeId, 'DISPUTE_NOT_FOUND');
    const qb = ctx.em.getRepository(DisputeEntity).createQueryBuilder('d').setLock('pessimistic_write');
    if (!wait) qb.setOnLocked('nowait');
    const dispute = await qb.where('d.id = :disputeId', { disputeId }).getOne();
    if (!dispute) throw notFound('Dispute', disputeId, 'DISPUTE_NOT_FOUND');
    return dispute;
  }

  /**
   * The dispute as the procedure engine sees it, read in the caller's transaction: for modules
   * that ask the engine about a limit (the challenge period, the five-panelist agreement).
   */
  async procedureOf(em: EntityManager, disputeId: string): Promise<DisputeSnapshot> {
    const dispute = isUUID(disputeId) ? await em.getRepository(DisputeEntity).findOneBy({ id: disputeId }) : null;
    if (!dispute) throw notFound('Dispute', disputeId, 'DISPUTE_NOT_FOUND');
    const rows = await this.deadlines.rowsOf(em, disputeId);
    return toSnapshot(dispute, rows.map(toDeadlineRow));
  }

  /** What this user may do in the dispute now, and later with the date. */
  async allowedActionsFor(actor: Actor | null, dispute: DisputeEntity, loaders: RequestLoaders): Promise<AvailableSteps> {
    if (!actor) return { now: [], later: [] };
    const [parties, rows] = await Promise.all([
      this.partiesLoader(loaders).load(dispute.id),
      this.deadlines.byDispute(loaders).load(dispute.id),
    ]);
    const seats = actor.role === 'PANELIST' ? await this.seats.byDispute(loaders).load(dispute.id) : [];
    const roles: ActorRole[] = rolesInDispute(actor, parties, seats.find((s) => s.userId === actor.userId) ?? null);
    const closed = await this.closedDays.forRequest(loaders);
    const now = this.clock.now();
    const engine = refineAllowedActions(
      allowedActions(toSnapshot(dispute, rows.map(toDeadlineRow)), roles, now, closed),
      parties,
      actor.memberId ?? null,
    );
    // The registry's own: the steps taken through takeAction. The modules add theirs.
    const own = engineSteps(engine, Object.fromEntries(REGISTRY_ACTIONS.map((action) => [action, 'takeAction'])));
    return this.steps.collect({ actor, dispute, roles, engine, loaders, now }, own);
  }

  async get(ref: { id?: string; docketNumber?: string }): Promise<DisputeEntity> {
    const repo = this.dataSource.getRepository(DisputeEntity);
    if (ref.id) {
      const found = isUUID(ref.id) ? await repo.findOneBy({ id: ref.id }) : null;
      if (!found) throw notFound('Dispute', ref.id, 'DISPUTE_NOT_FOUND');
      return found;
    }
    const match = /^DS(\d{1,9})$/i.exec(ref.docketNumber?.trim() ?? '');
    if (!match) throw badInput('docketNumber', 'Give the dispute id or its docket number, e.g. DS12', 'DISPUTE_REF_REQUIRED');
    const found = await repo.findOneBy({ number: Number(match[1]) });
    if (!found) throw notFound('Dispute', ref.docketNumber as string, 'DISPUTE_NOT_FOUND');
    return found;
  }

  /**
   * Disputes, newest filing first, filtered; every filter is backed by an index. The docket list
   * is the API's most frequent read, so it and its batched fields are hand-written SQL
   * (EntityRows): TypeORM's query building and hydration were a third of its CPU time.
   */
  async list(args: DisputesArgs): Promise<Page<DisputeSummary>> {
    const params = new SqlParams();
    const where: string[] = [];
    const f = args.filter ?? {};
    // Core owns the members: the codes are resolved there once; an unknown code matches nothing.
    const named = [f.member, f.complainant, f.respondent].filter((c): c is string => !!c);
    const memberIds = await this.members.idsByCodes(this.dataSource.manager, named);
    if (f.stage) where.push(`d.stage = ${params.add(f.stage)}`);
    if (f.filedFrom) where.push(`d.filed_at >= ${params.add(`${f.filedFrom}T00:00:00Z`)}`);
    if (f.filedTo) where.push(`d.filed_at < (${params.add(f.filedTo)}::date + 1)`);
    const party = (code: string, kinds: PartyKind[]) =>
      where.push(
        // A semi-join probed per dispute while the filing-date index is walked, with the member
        // looked up once: the page stops after `first` matches instead of collecting and sorting
        // every dispute of the member (7 ms against 0.6 ms on the benchmark's 10 000 disputes).
        `EXISTS (SELECT 1 FROM dispute_parties p WHERE p.dispute_id = d.id
          AND p.member_id = ${params.add(memberIds.get(code) ?? null)}::uuid AND p.kind = ANY(${params.add(kinds)}::text[]))`,
      );
    if (f.member) party(f.member, ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY']);
    if (f.complainant) party(f.complainant, ['COMPLAINANT']);
    if (f.respondent) party(f.respondent, ['RESPONDENT']);
    if (f.text) {
      const docket = /^DS(\d{1,9})$/i.exec(f.text);
      if (docket) where.push(`d.number = ${params.add(Number(docket[1]))}`);
      else where.push(`${DISPUTE_SEARCH_VECTOR('d')} @@ plainto_tsquery('simple', ${params.add(f.text)})`);
    }
    return keysetPageSql<DisputeSummary, DisputeSummary>(
      {
        select: this.summaryRows.select('d'),
        from: 'disputes d',
        where,
        params,
        order: { sortExpression: 'd.filed_at', alias: 'd', sortValue: (d) => d.filedAt.toISOString(), direction: 'DESC' },
        read: (sql, values) => this.summaryRows.read(sql, values),
      },
      args,
      (d) => d,
    );
  }

  /**
   * The parties of each dispute with their members, in one statement for a page of disputes;
   * complainant first, then respondents and third parties, each in the order they joined.
   */
  partiesLoader(loaders: RequestLoaders): DataLoader<string, PartyWithMember[]> {
    return loaders.get(
      'disputes.parties',
      () =>
        new DataLoader<string, PartyWithMember[]>(async (ids) => {
          // The one read of core's members table outside core, kept on purpose: this is the list's
          // hottest batched field, and e2e/registry/disputes.e2e-spec.ts holds a page of disputes to a
          // fixed number of statements ("parties with their members" in one). Asking core's
          // MembersService instead costs a statement more per page, and TypeORM's hydration of the
          // members the EntityRows mapping here avoids. Read only: members are written by core alone.
          const rows: Record<string, unknown>[] = await this.dataSource.query(
            `SELECT ${this.partyRows.select('p')}, ${this.partyMemberRows.select('m')}
             FROM dispute_parties p JOIN members m ON m.id = p.member_id
            WHERE p.dispute_id = ANY($1::uuid[])
            ORDER BY array_position($2::text[], p.kind), p.joined_at, m.code`,
            [ids, PARTY_KINDS],
          );
          const parties = rows.map((row) => Object.assign(this.partyRows.from(row), { member: this.partyMemberRows.from(row) }));
          return groupedInKeyOrder(ids, parties, (party) => party.disputeId);
        }),
    );
  }

  /** Disputes that have recorded this procedure event (e.g. REPORT_ADOPTED), newest filing first. */
  withEvent(event: string, args: ConnectionArgs): Promise<Page<DisputeEntity>> {
    const qb = this.dataSource.getRepository(DisputeEntity).createQueryBuilder('d').where('d.events ? :event', { event });
    return keysetPage(
      qb,
      args,
      { sortExpression: 'd.filed_at', alias: 'd', sortValue: (d) => d.filedAt.toISOString(), direction: 'DESC' },
      (d) => d,
    );
  }

  /** The parties of a dispute, read with the caller's manager (in its transaction, when a command's). */
  partiesOf(em: EntityManager, disputeId: string): Promise<DisputePartyEntity[]> {
    return em.getRepository(DisputePartyEntity).findBy({ disputeId });
  }

  /** The disputes a member takes part in, in any capacity (complainant, respondent, third party) or those given. */
  async disputeIdsOfMember(memberId: string, kinds?: readonly PartyKind[]): Promise<string[]> {
    const where = kinds ? { memberId, kind: In([...kinds]) } : { memberId };
    const rows = await this.dataSource.getRepository(DisputePartyEntity).find({ where, select: { disputeId: true } });
    return [...new Set(rows.map((r) => r.disputeId))];
  }

  /** Disputes by id, in one query, with the caller's manager. */
  byIds(em: EntityManager, ids: readonly string[]): Promise<DisputeEntity[]> {
    return ids.length ? em.getRepository(DisputeEntity).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  byIdLoader(loaders: RequestLoaders): DataLoader<string, DisputeEntity | null> {
    return loaders.get(
      'disputes.byId',
      () =>
        new DataLoader<string, DisputeEntity | null>(async (ids) => {
          const rows = await this.dataSource.getRepository(DisputeEntity).findBy({ id: In([...ids]) });
          return ids.map((id) => rows.find((row) => row.id === id) ?? null);
        }),
    );
  }
}
