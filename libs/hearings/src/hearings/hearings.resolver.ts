import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionArgs, CurrentUser, GraphqlContext, Page, Public, Roles, mapPage } from '@app/core';
import { Dispute, DisputesService, Document, DocumentEntity, DocumentsService, toDispute, toDocument } from '@app/registry';
import {
  AddHearingRoomInput,
  CancelHearingInput,
  DeclareUnavailabilityInput,
  HearingsArgs,
  HearingsFilter,
  ObservationConsentInput,
  RescheduleHearingInput,
  ScheduleHearingInput,
  SetHearingPublicInput,
} from '../dto/hearing.input';
import { RecordAttendanceArgs } from '../dto/attendance.args';
import { FileHearingRecordInput } from '../dto/hearing.input';
import {
  Hearing,
  HearingConnection,
  HearingParticipant,
  HearingRoom,
  ObservationConsent,
  Unavailability,
  toConsent,
  toHearing,
  toRoom,
  toUnavailability,
} from './hearing.type';
import { HearingEntity } from './hearing.entity';
import { HearingsQueryService } from './hearings-query.service';
import { HearingsService } from './hearings.service';
import { ParticipationService } from './participation.service';

/** A page of hearings as the reader sees them: the session link only for those it is for. */
async function viewPage(query: HearingsQueryService, actor: Actor | null, page: Page<HearingEntity>): Promise<HearingConnection> {
  const links = await query.linkAudience(actor, page.nodes);
  return mapPage(page, (h) => toHearing(h, { showLink: links.has(h.id) }));
}

@Resolver(() => Hearing)
export class HearingsResolver {
  constructor(
    private readonly scheduling: HearingsService,
    private readonly participation: ParticipationService,
    private readonly query: HearingsQueryService,
    private readonly disputes: DisputesService,
    private readonly documents: DocumentsService,
  ) {}

  @Public()
  @Query(() => Hearing, {
    description:
      'One hearing, if you may see it. Public: anyone sees a public hearing; the secretariat all; a panelist those of the panels they sit on; a delegate those of the disputes its member is a party or third party to',
  })
  async hearing(
    @CurrentUser() actor: Actor | null,
    @Args('id', { type: () => ID, description: "The hearing's id (UUID)" }) id: string,
  ): Promise<Hearing> {
    const hearing = await this.query.get(actor, id);
    const links = await this.query.linkAudience(actor, [hearing]);
    return toHearing(hearing, { showLink: links.has(hearing.id) });
  }

  @Public()
  @Query(() => HearingConnection, {
    description:
      'Hearings you may see, by start. Public: anyone sees a public hearing; the secretariat all; a panelist those of the panels they sit on; a delegate those of the disputes its member is a party or third party to',
  })
  async hearings(@CurrentUser() actor: Actor | null, @Args() args: HearingsArgs): Promise<HearingConnection> {
    return viewPage(this.query, actor, await this.query.list(actor, args.filter ?? new HearingsFilter(), args));
  }

  @Query(() => [HearingRoom], { description: 'The rooms the secretariat keeps. Any signed-in user' })
  async hearingRooms(): Promise<HearingRoom[]> {
    return (await this.participation.rooms()).map(toRoom);
  }

  @Roles('MEMBER_DELEGATE')
  @Query(() => [Unavailability], { description: 'The days your member declared unavailable. Member delegates' })
  async myUnavailability(@CurrentUser() actor: Actor): Promise<Unavailability[]> {
    return (await this.participation.unavailabilityOf(actor)).map(toUnavailability);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => HearingRoom, { description: 'Adds a room for hearings. Secretariat only' })
  async addHearingRoom(
    @CurrentUser() actor: Actor,
    @Args('input', { description: "The room's name and location" }) input: AddHearingRoomInput,
  ): Promise<HearingRoom> {
    return toRoom(await this.participation.addRoom(actor, input));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Hearing, {
    description:
      "Schedules a hearing of a dispute's panel and books its participants; refused with the clash explained. The secretariat, or a panelist seated on the dispute (DSU 12.1, Appendix 3 ¶12)",
  })
  async scheduleHearing(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The dispute, the kind of meeting, its time and zone, the venue and the staff attending' })
    input: ScheduleHearingInput,
  ): Promise<Hearing> {
    return toHearing(await this.scheduling.schedule(actor, input));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Hearing, {
    description: 'Moves a hearing; the reason goes on the docket. The secretariat, or a panelist seated on the dispute',
  })
  async rescheduleHearing(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The hearing, its new time and the reason' }) input: RescheduleHearingInput,
  ): Promise<Hearing> {
    return toHearing(await this.scheduling.reschedule(actor, input));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Hearing, {
    description: 'Cancels a hearing; the reason goes on the docket. The secretariat, or a panelist seated on the dispute',
  })
  async cancelHearing(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The hearing and the reason' }) input: CancelHearingInput,
  ): Promise<Hearing> {
    return toHearing(await this.scheduling.cancel(actor, input));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Unavailability, {
    description: 'Declares a day your member cannot attend hearings; none of its hearings is scheduled on it. Member delegates',
  })
  async declareUnavailability(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The day and the reason' }) input: DeclareUnavailabilityInput,
  ): Promise<Unavailability> {
    return toUnavailability(await this.participation.declareUnavailability(actor, input));
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Boolean, { description: "Withdraws one of your member's declarations of unavailability. Member delegates" })
  withdrawUnavailability(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: 'The declaration (UUID)' }) id: string,
  ): Promise<boolean> {
    return this.participation.withdrawUnavailability(actor, id);
  }

  @Roles('MEMBER_DELEGATE')
  @Mutation(() => Hearing, {
    description:
      'Your member gives, withholds or withdraws consent to public observation of a hearing (Appendix 3 ¶2); withdrawing closes an open hearing. A delegate of a party taking part',
  })
  async recordObservationConsent(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The hearing and the answer' }) input: ObservationConsentInput,
  ): Promise<Hearing> {
    return toHearing(await this.participation.recordConsent(actor, input));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Hearing, {
    description:
      'Opens a hearing to public observation (every party must have consented) or closes it. The secretariat, or a panelist seated on the dispute',
  })
  async setHearingPublic(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The hearing and whether it is public' }) input: SetHearingPublicInput,
  ): Promise<Hearing> {
    return toHearing(await this.participation.setPublic(actor, input));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Hearing, {
    description:
      'Records who attended: the participants named attended, the others not. The secretariat, or a panelist seated on the dispute',
  })
  async recordAttendance(@CurrentUser() actor: Actor, @Args() { hearingId, attendees }: RecordAttendanceArgs): Promise<Hearing> {
    return toHearing(await this.participation.recordAttendance(actor, hearingId, attendees));
  }

  @Roles('SECRETARIAT', 'PANELIST')
  @Mutation(() => Document, {
    description:
      'Files the minutes or transcript of a hearing as a document of the dispute (RESTRICTED, or PUBLIC for a hearing the public could observe). The secretariat, or a panelist seated on the dispute',
  })
  async fileHearingRecord(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The hearing and the file' }) input: FileHearingRecordInput,
  ): Promise<Document> {
    return toDocument(await this.participation.fileRecord(actor, input));
  }

  @ResolveField(() => [Document], { description: 'Its minutes or transcripts, as the document policy lets you see them' })
  async records(@Parent() hearing: Hearing, @CurrentUser() actor: Actor | null, @Context() ctx: GraphqlContext): Promise<Document[]> {
    const ids = await this.participation.recordsOf(hearing.id);
    const docs = await this.documents.visibleById(actor, ctx.loaders).loadMany(ids);
    return docs.filter((d): d is DocumentEntity => d !== null && !(d instanceof Error)).map(toDocument);
  }

  @ResolveField(() => Dispute, { description: 'The dispute it is a hearing of' })
  async dispute(@Parent() hearing: Hearing, @Context() ctx: GraphqlContext): Promise<Dispute> {
    return toDispute((await this.disputes.byIdLoader(ctx.loaders).load(hearing.disputeId))!);
  }

  @ResolveField(() => HearingRoom, { nullable: true, description: 'The room it is held in; null for a virtual hearing' })
  async room(@Parent() hearing: Hearing, @Context() ctx: GraphqlContext): Promise<HearingRoom | null> {
    const room = hearing.roomId ? await this.query.roomLoader(ctx.loaders).load(hearing.roomId) : null;
    return room ? toRoom(room) : null;
  }

  @ResolveField(() => [HearingParticipant], { description: 'Who takes part, and whether they attended once recorded' })
  async participants(@Parent() hearing: Hearing, @Context() ctx: GraphqlContext): Promise<HearingParticipant[]> {
    const rows = await this.query.participantsLoader(ctx.loaders).load(hearing.id);
    return rows.map(({ participant, name }) => ({
      kind: participant.kind,
      refId: participant.refId,
      name,
      attended: participant.attended,
    }));
  }

  @ResolveField(() => [ObservationConsent], { description: 'Each party’s latest answer on public observation' })
  async observationConsents(@Parent() hearing: Hearing): Promise<ObservationConsent[]> {
    return (await this.participation.consentsOf(hearing.id)).map(toConsent);
  }
}

/** `dispute.hearings`, for a dispute's page: the same policy as the hearings query. */
@Resolver(() => Dispute)
export class DisputeHearingsResolver {
  constructor(private readonly query: HearingsQueryService) {}

  @ResolveField(() => HearingConnection, {
    description:
      'Its hearings you may see, by start, cancelled ones included: anyone the public ones (as the hearings query). For many disputes at once, use the hearings query',
  })
  async hearings(@Parent() dispute: Dispute, @CurrentUser() actor: Actor | null, @Args() args: ConnectionArgs): Promise<HearingConnection> {
    const filter = Object.assign(new HearingsFilter(), { disputeId: dispute.id, includeCancelled: true });
    return viewPage(this.query, actor, await this.query.list(actor, filter, args));
  }
}
