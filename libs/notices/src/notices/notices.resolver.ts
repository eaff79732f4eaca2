import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentUser, GraphqlContext, mapPage } from '@app/core';
import { toIsoDate } from '@app/procedure';
import { DocketEntry } from '@app/registry';
import { NoticePreferencesService } from './notice-preferences.service';
import {
  MyNoticesArgs,
  Notice,
  NoticeConnection,
  NoticePreferences,
  ServiceRecord,
  UpdateNoticePreferencesInput,
  toNotice,
  toNoticePreferences,
  toServiceRecord,
} from './notice.type';
import { NoticesService } from './notices.service';

@Resolver(() => Notice)
export class NoticesResolver {
  constructor(
    private readonly notices: NoticesService,
    private readonly preferences: NoticePreferencesService,
  ) {}

  @Query(() => NoticeConnection, { description: 'The notices served on you, newest first. Any signed-in user' })
  async myNotices(@CurrentUser() actor: Actor, @Args() args: MyNoticesArgs): Promise<NoticeConnection> {
    return mapPage(await this.notices.list(actor, args), toNotice);
  }

  @Mutation(() => Notice, {
    description:
      'Acknowledges receipt of a notice served on you; a second acknowledgement keeps the first time. Recorded in the audit trail, not on the docket',
  })
  async acknowledgeService(
    @CurrentUser() actor: Actor,
    @Args('noticeId', { type: () => ID, description: 'The notice (UUID), one of myNotices' }) noticeId: string,
  ): Promise<Notice> {
    return toNotice(await this.notices.acknowledge(actor, noticeId));
  }

  @Query(() => NoticePreferences, { description: 'How you want to be told (the defaults until you change them). Any signed-in user' })
  async noticePreferences(@CurrentUser() actor: Actor): Promise<NoticePreferences> {
    return toNoticePreferences(await this.preferences.get(actor));
  }

  @Mutation(() => NoticePreferences, { description: 'Changes how you want to be told; mandatory service ignores these choices' })
  async updateNoticePreferences(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'What to change' }) input: UpdateNoticePreferencesInput,
  ): Promise<NoticePreferences> {
    return toNoticePreferences(await this.preferences.update(actor, input));
  }
}

/** A docket entry's proof of service: "served on PAK, CHN (date)". */
@Resolver(() => DocketEntry)
export class DocketEntryServiceResolver {
  constructor(private readonly notices: NoticesService) {}

  @ResolveField(() => [ServiceRecord], {
    description:
      'On which members the entry was served and when, by member code; for the secretariat, the parties and the panel of the dispute (empty for anyone else)',
  })
  async service(
    @Parent() entry: DocketEntry,
    @CurrentUser() actor: Actor | null,
    @Context() ctx: GraphqlContext,
  ): Promise<ServiceRecord[]> {
    return (await this.notices.serviceLoader(actor, ctx.loaders).load({ entryId: entry.id, disputeId: entry.disputeId })).map(
      toServiceRecord,
    );
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The service in one line, dates in the body's time zone: 'Served on CHN, PAK (2026-12-05)', and who is still to be served; null when there is nothing to say to you",
  })
  async serviceSummary(
    @Parent() entry: DocketEntry,
    @CurrentUser() actor: Actor | null,
    @Context() ctx: GraphqlContext,
  ): Promise<string | null> {
    const records = await this.notices.serviceLoader(actor, ctx.loaders).load({ entryId: entry.id, disputeId: entry.disputeId });
    if (!records.length) return null;
    const byDay = new Map<string, string[]>();
    const pending: string[] = [];
    for (const r of records) {
      if (!r.servedAt) pending.push(r.memberCode);
      else {
        const day = toIsoDate(r.servedAt);
        byDay.set(day, [...(byDay.get(day) ?? []), r.memberCode]);
      }
    }
    const served = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, codes]) => `${codes.join(', ')} (${day})`);
    const text = [served.length ? `served on ${served.join('; ')}` : '', pending.length ? `service pending on ${pending.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
}
