import { Injectable } from '@nestjs/common';
import { Actor, CommandContext, CommandRunner, DomainError, badInput, forbidden, notFound, requireRole, MembersService } from '@app/core';
import { type ActionName, type ProcedureEvent } from '@app/procedure';
import { DisputesService, DocketService, docketNumber, DocumentEntity, DocumentsService } from '@app/registry';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import {
  AddHearingRoomInput,
  DeclareUnavailabilityInput,
  FileHearingRecordInput,
  ObservationConsentInput,
  SetHearingPublicInput,
} from '../dto/hearing.input';
import { isTimeZone, nextDate, startOfLocalDay } from '../time';
import { BookingsService } from './bookings.service';
import {
  HearingConsentEntity,
  HearingEntity,
  HearingParticipantEntity,
  HearingRoomEntity,
  MemberUnavailabilityEntity,
} from './hearing.entity';
import { HearingsService } from './hearings.service';
import { HearingRecordEntity } from './hearing-record.entity';

// The hearings that are the substantive meetings of the panel's timetable, and the engine's
// record of each (held, or dispensed with by the panel).
const MEETING_STEPS: Partial<Record<string, { action: ActionName; held: ProcedureEvent; dispensed: ProcedureEvent }>> = {
  FIRST_SUBSTANTIVE_MEETING: { action: 'holdFirstMeeting', held: 'FIRST_MEETING_HELD', dispensed: 'FIRST_MEETING_DISPENSED' },
  SECOND_SUBSTANTIVE_MEETING: { action: 'holdSecondMeeting', held: 'SECOND_MEETING_HELD', dispensed: 'SECOND_MEETING_DISPENSED' },
};

/** Rooms, the parties' unavailable days, consent to public observation, attendance. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly docket: DocketService,
    private readonly bookings: BookingsService,
    private readonly hearings: HearingsService,
    private readonly documents: DocumentsService,
    private readonly disputes: DisputesService,
    private readonly members: MembersService,
  ) {}

  addRoom(actor: Actor | null, input: AddHearingRoomInput): Promise<HearingRoomEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'addHearingRoom' }, async (ctx) => {
      const room = await ctx.em
        .getRepository(HearingRoomEntity)
        .save(ctx.em.create(HearingRoomEntity, { name: input.name, location: input.location ?? null, active: true }));
      ctx.target('HearingRoom', room.id, { name: room.name });
      return room;
    });
  }

  rooms(): Promise<HearingRoomEntity[]> {
    return this.dataSource.getRepository(HearingRoomEntity).find({ where: { active: true }, order: { name: 'ASC' } });
  }

  /**
   * A delegation declares a day it cannot attend: held like a booking of its member for that day
   * in the zone it names, so the same exclusion constraint refuses a hearing on it (and refuses
   * the declaration while a hearing already holds the member that day).
   */
  declareUnavailability(actor: Actor | null, input: DeclareUnavailabilityInput): Promise<MemberUnavailabilityEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'declareUnavailability' }, async (ctx) => {
      if (!isTimeZone(input.timeZone))
        throw badInput('input.timeZone', `${input.timeZone} is not an IANA time zone name`, 'UNKNOWN_TIME_ZONE');
      if (input.day < ctx.now.toISOString().slice(0, 10)) throw badInput('input.day', 'The day is in the past', 'DAY_IN_THE_PAST');
      const memberId = delegate.memberId as string;
      const row = await ctx.em.getRepository(MemberUnavailabilityEntity).save(
        ctx.em.create(MemberUnavailabilityEntity, {
          memberId,
          day: input.day,
          timeZone: input.timeZone,
          reason: input.reason,
          declaredById: delegate.userId,
        }),
      );
      const start = startOfLocalDay(input.day, input.timeZone);
      const end = startOfLocalDay(nextDate(input.day), input.timeZone);
      await this.bookings.hold(ctx, { unavailabilityId: row.id }, [{ kind: 'MEMBER', id: memberId }], start, end);
      ctx.target('MemberUnavailability', row.id, { day: input.day, timeZone: input.timeZone });
      return row;
    });
  }

  withdrawUnavailability(actor: Actor | null, id: string): Promise<boolean> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'withdrawUnavailability' }, async (ctx) => {
      const row = isUUID(id)
        ? await ctx.em.getRepository(MemberUnavailabilityEntity).findOneBy({ id, memberId: delegate.memberId as string })
        : null;
      if (!row) throw notFound('Unavailability', id, 'UNAVAILABILITY_NOT_FOUND');
      await ctx.em.getRepository(MemberUnavailabilityEntity).delete({ id });
      ctx.target('MemberUnavailability', id);
      return true;
    });
  }

  unavailabilityOf(actor: Actor | null): Promise<MemberUnavailabilityEntity[]> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.dataSource
      .getRepository(MemberUnavailabilityEntity)
      .find({ where: { memberId: delegate.memberId as string }, order: { day: 'ASC' } });
  }

  /**
   * A party gives, withholds or withdraws consent to public observation (docs/procedure.md §3: open
   * hearings need the parties' joint request; a third party's refusal keeps the third-party
   * session closed). Withdrawal closes a public hearing at once.
   */
  recordConsent(actor: Actor | null, input: ObservationConsentInput): Promise<HearingEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'recordObservationConsent' }, async (ctx) => {
      const found = isUUID(input.hearingId) ? await ctx.em.getRepository(HearingEntity).findOneBy({ id: input.hearingId }) : null;
      if (!found) throw notFound('Hearing', input.hearingId, 'HEARING_NOT_FOUND');
      // The dispute's lock serialises consents with the hearing's other changes; it waits its turn.
      const dispute = await this.disputes.lockForUpdate(ctx, found.disputeId, true);
      const hearing = await ctx.em.getRepository(HearingEntity).findOneByOrFail({ id: input.hearingId });
      const askable = await this.consentingMembers(ctx.em, hearing);
      if (!askable.includes(delegate.memberId as string)) {
        throw forbidden('Only the parties taking part in this hearing consent to its observation', 'NOT_A_PARTY');
      }
      await ctx.em.getRepository(HearingConsentEntity).save({
        hearingId: hearing.id,
        memberId: delegate.memberId as string,
        consent: input.consent,
        recordedById: delegate.userId,
        recordedAt: ctx.now,
      });
      const member = await this.members.existing(ctx.em, delegate.memberId as string);
      await this.docket.append(ctx, {
        disputeId: hearing.disputeId,
        actorRole: 'PARTY',
        kind: 'observationConsent',
        message: input.consent ? 'docket.observationConsent.given' : 'docket.observationConsent.refused',
        params: { actor: member.name, hearingKind: hearing.kind },
      });
      let saved = hearing;
      if (!input.consent && hearing.publicObservation) {
        hearing.publicObservation = false;
        saved = await ctx.em.getRepository(HearingEntity).save(hearing);
        await this.docket.append(ctx, {
          disputeId: hearing.disputeId,
          actorRole: 'SYSTEM',
          kind: 'hearingClosedToPublic',
          message: 'docket.hearingClosedToPublic.consentWithdrawn',
          params: { hearingKind: hearing.kind, docketNumber: docketNumber(dispute), actor: member.name },
        });
      }
      ctx.target('Hearing', hearing.id, { consent: input.consent, memberId: member.id });
      return saved;
    });
  }

  /** The panel or the secretariat opens a hearing to the public only once every party consented. */
  setPublic(actor: Actor | null, input: SetHearingPublicInput): Promise<HearingEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'setHearingPublic' }, async (ctx) => {
      const { hearing, dispute, role } = await this.hearings.lockHearing(ctx, input.hearingId);
      if (input.public) {
        const needed = await this.consentingMembers(ctx.em, hearing);
        const given = await ctx.em.getRepository(HearingConsentEntity).findBy({ hearingId: hearing.id, consent: true });
        const missing = needed.filter((m) => !given.some((g) => g.memberId === m));
        if (missing.length) {
          const members = await this.members.byIds(ctx.em, missing);
          throw new DomainError(
            'CONFLICT',
            'CONSENT_MISSING',
            `Public observation needs the consent of every party; missing: ${members
              .map((m) => m.code)
              .sort()
              .join(', ')}`,
            { missing: members.map((m) => m.code).sort() },
          );
        }
      }
      hearing.publicObservation = input.public;
      const saved = await ctx.em.getRepository(HearingEntity).save(hearing);
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: role,
        kind: input.public ? 'hearingOpenedToPublic' : 'hearingClosedToPublic',
        message: input.public ? 'docket.hearingOpenedToPublic' : 'docket.hearingClosedToPublic',
        params: { hearingKind: hearing.kind },
      });
      ctx.target('Hearing', hearing.id, { public: input.public });
      return saved;
    });
  }

  /**
   * A substantive meeting of the timetable is held once its attendance is recorded: the engine
   * records it (Appendix 3 ¶12(b), (d)), which the interim report waits for. Once only; later
   * corrections of the attendance change nothing there.
   */
  private async recordMeetingHeld(ctx: CommandContext, hearing: HearingEntity): Promise<void> {
    const step = MEETING_STEPS[hearing.kind];
    if (!step) return;
    const snapshot = await this.disputes.procedureOf(ctx.em, hearing.disputeId);
    if (snapshot.stage !== 'PANEL_PROCEEDINGS' || snapshot.events[step.held] || snapshot.events[step.dispensed]) return;
    await this.disputes.perform(ctx, hearing.disputeId, step.action);
  }

  /** Records who attended (panel or secretariat), after the hearing started. */
  recordAttendance(actor: Actor | null, hearingId: string, attendees: readonly string[]): Promise<HearingEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'recordAttendance' }, async (ctx) => {
      const { hearing, role } = await this.hearings.lockHearing(ctx, hearingId);
      if (ctx.now.getTime() < hearing.startsAt.getTime()) {
        throw new DomainError('NOT_YET_ALLOWED', 'HEARING_NOT_STARTED', 'Attendance is recorded once the hearing has started', {
          allowedFrom: hearing.startsAt.toISOString().slice(0, 10),
        });
      }
      const repo = ctx.em.getRepository(HearingParticipantEntity);
      const participants = await repo.findBy({ hearingId });
      const stranger = attendees.find((id) => !participants.some((p) => p.refId === id));
      if (stranger) throw badInput('attendees', `${stranger} is not a participant of this hearing`, 'NOT_A_PARTICIPANT');
      for (const p of participants)
        await repo.update({ hearingId, kind: p.kind, refId: p.refId }, { attended: attendees.includes(p.refId) });
      await this.recordMeetingHeld(ctx, hearing);
      await this.docket.append(ctx, {
        disputeId: hearing.disputeId,
        actorRole: role,
        kind: 'recordAttendance',
        message: 'docket.recordAttendance',
        params: {
          hearingKind: hearing.kind,
          startDay: hearing.startsAt.toISOString().slice(0, 10),
          attended: attendees.length,
          participants: participants.length,
        },
      });
      ctx.target('Hearing', hearingId, { attendees: [...attendees] });
      return hearing;
    });
  }

  /**
   * Files the record of a hearing (minutes or a transcript) as a document of the dispute: the
   * panel meets in closed session (Appendix 3 ¶2), so the record is RESTRICTED; only the record of
   * a hearing the public could observe may be PUBLIC (docs/procedure.md §3).
   */
  fileRecord(actor: Actor | null, input: FileHearingRecordInput): Promise<DocumentEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'fileHearingRecord' }, async (ctx) => {
      const { hearing, role } = await this.hearings.lockHearing(ctx, input.hearingId);
      if (ctx.now.getTime() < hearing.startsAt.getTime()) {
        throw new DomainError('NOT_YET_ALLOWED', 'HEARING_NOT_STARTED', 'A record is filed once the hearing has started', {
          allowedFrom: hearing.startsAt.toISOString().slice(0, 10),
        });
      }
      if (input.public && !hearing.publicObservation) {
        throw badInput('input.public', 'The hearing was closed to the public: its record stays RESTRICTED', 'CLOSED_HEARING');
      }
      const document = await this.documents.store(ctx, {
        disputeId: hearing.disputeId,
        kind: 'HEARING_RECORD',
        title: input.title,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content: this.documents.fileOf(input),
        classification: input.public ? 'PUBLIC' : 'RESTRICTED',
      });
      await ctx.em.getRepository(HearingRecordEntity).insert({ hearingId: hearing.id, documentId: document.id });
      await this.docket.append(ctx, {
        disputeId: hearing.disputeId,
        actorRole: role,
        kind: 'fileHearingRecord',
        // A restricted record's title stays off the public docket.
        ...(input.public
          ? {
              message: 'docket.fileHearingRecord.public',
              params: { hearingKind: hearing.kind, startDay: hearing.startsAt.toISOString().slice(0, 10), title: input.title },
            }
          : {
              message: 'docket.fileHearingRecord.restricted',
              params: { hearingKind: hearing.kind, startDay: hearing.startsAt.toISOString().slice(0, 10) },
            }),
        documentIds: [document.id],
      });
      ctx.target('Hearing', hearing.id, { record: document.id });
      return document;
    });
  }

  recordsOf(hearingId: string): Promise<string[]> {
    return this.dataSource
      .getRepository(HearingRecordEntity)
      .find({ where: { hearingId } })
      .then((rows) => rows.map((r) => r.documentId));
  }

  consentsOf(hearingId: string): Promise<HearingConsentEntity[]> {
    return this.dataSource.getRepository(HearingConsentEntity).find({ where: { hearingId }, order: { recordedAt: 'ASC' } });
  }

  /** Whose consent public observation needs: the parties, and third parties at their own session. */
  private async consentingMembers(em: EntityManager, hearing: HearingEntity): Promise<string[]> {
    const participants = await em.getRepository(HearingParticipantEntity).findBy({ hearingId: hearing.id });
    return participants.filter((p) => p.kind === 'PARTY' || p.kind === 'THIRD_PARTY').map((p) => p.refId);
  }
}
