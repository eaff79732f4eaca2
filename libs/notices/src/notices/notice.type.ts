import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection, ConnectionArgs, IsOmittable, graphqlEnum } from '@app/core';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import type { NoticePreferenceEntity } from './notice-preference.entity';
import { NOTICE_CATEGORIES, type NoticeCategory, type NoticeEntity } from './notice.entity';
import type { NoticePayload } from './notice-rules';
import type { ServiceOnMember } from './notices.service';

export const NoticeCategoryEnum = graphqlEnum(
  NOTICE_CATEGORIES,
  'NoticeCategory',
  'What a notice is about: the recipient chooses e-mail per category (mandatory service goes whatever the choice)',
  {
    FILING: 'A document filed, published, derestricted, or a summary asked for',
    PROCEDURE: 'A step of the procedure (a request, an answer, a decision, a correction of the docket)',
    DEADLINE: 'A time limit set, moved, extended, met or missed, or a step of the timetable',
    ELECTION: 'The election of the panel: its opening, challenges, disclosures, vacancies',
    HEARING: 'A hearing scheduled, moved or cancelled, its attendance and observation',
    REPORT: 'A report issued, circulated, commented on, appealed or adopted',
    MEETING: 'A meeting of the body that concerns the dispute',
    REMINDER: 'A reminder of a time limit ahead',
  },
);

@ObjectType({ description: 'A notice served on you: one step of a case told to you, with its proof of service' })
export class Notice {
  @Field(() => ID, { description: "The notice's id (UUID): acknowledge it with acknowledgeService" })
  id: string;

  @Field(() => NoticeCategoryEnum, { description: 'What it is about' })
  category: NoticeCategory;

  @Field({ description: 'What happened: the docket entry kind (fileDocument, requestPanel, …) or hearingScheduled, …' })
  kind: string;

  @Field({ description: 'Service of a step on you: it goes by e-mail whatever your preferences, and the rules may count a period from it' })
  mandatory: boolean;

  @Field({ description: 'The subject line of the notice' })
  subject: string;

  @Field(() => [String], { description: 'What it says, paragraph by paragraph; {name} stands for a date of `dates`' })
  lines: string[];

  @Field(() => String, { nullable: true, description: 'The docket number of the dispute it concerns (DS12)' })
  docketNumber: string | null;

  @Field(() => ID, { nullable: true, description: 'The dispute it concerns' })
  disputeId: string | null;

  @Field(() => ID, { nullable: true, description: 'The docket entry it serves, if it serves one' })
  docketEntryId: string | null;

  @Field({ description: 'Whether it is sent by e-mail: not for a category you turned off, unless it is mandatory' })
  email: boolean;

  @Field({ description: 'Held for your daily digest rather than sent alone' })
  digest: boolean;

  @Field({ description: 'When it was written: when the step was taken (UTC instant)' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the mail server accepted it (the date of service, UTC instant); null while pending',
  })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When you acknowledged receipt (UTC instant); null until you do' })
  acknowledgedAt: Date | null;
}

@ObjectType({ description: 'A page of your notices, newest first' })
export class NoticeConnection extends Connection(Notice) {}

export function toNotice(n: NoticeEntity): Notice {
  const payload = n.payload as unknown as NoticePayload;
  return {
    id: n.id,
    category: n.category,
    kind: n.kind,
    mandatory: n.mandatory,
    subject: payload.subject,
    lines: payload.lines ?? [],
    docketNumber: payload.docketNumber ?? null,
    disputeId: n.disputeId,
    docketEntryId: n.docketEntryId,
    email: n.email,
    digest: n.digest,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
    acknowledgedAt: n.acknowledgedAt,
  };
}

@ArgsType()
export class MyNoticesArgs extends ConnectionArgs {
  @Field({ defaultValue: false, description: 'Only the notices you have not acknowledged yet' })
  @IsBoolean()
  unacknowledgedOnly: boolean = false;
}

@ObjectType({ description: 'The service of a docket entry on one member: when its delegates were served and acknowledged it' })
export class ServiceRecord {
  @Field({ description: "The member's code (alpha-3, e.g. PAK)" })
  memberCode: string;

  @Field(() => Date, {
    nullable: true,
    description:
      "When it was served: the first time the mail server accepted the notice to one of the member's delegates; null while pending",
  })
  servedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When one of the member's delegates first acknowledged receipt; null until then" })
  acknowledgedAt: Date | null;
}

export function toServiceRecord(s: ServiceOnMember): ServiceRecord {
  return { memberCode: s.memberCode, servedAt: s.servedAt, acknowledgedAt: s.acknowledgedAt };
}

@ObjectType({ description: 'How you want to be told: mandatory service ignores these choices' })
export class NoticePreferences {
  @Field(() => [NoticeCategoryEnum], { description: 'Categories you get no e-mail for (their notices are still listed in myNotices)' })
  emailOff: NoticeCategory[];

  @Field({ description: 'Non-mandatory notices gathered in one mail a day, at digestHour' })
  digest: boolean;

  @Field(() => Int, { description: 'The hour of the day (0 to 23, in timeZone) at which the digest goes out' })
  digestHour: number;

  @Field(() => String, { nullable: true, description: "IANA time zone for the dates of your notices and reminders; null: the body's" })
  timeZone: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The language of your notices and their mails, words and dates alike (en, fr, es, zh, ru, ar); null: English',
  })
  locale: string | null;
}

export function toNoticePreferences(p: NoticePreferenceEntity): NoticePreferences {
  return { emailOff: p.emailOff, digest: p.digest, digestHour: p.digestHour, timeZone: p.timeZone, locale: p.locale };
}

@InputType({ description: 'A change of your notice preferences: what you leave out stays as it is' })
export class UpdateNoticePreferencesInput {
  @Field(() => [NoticeCategoryEnum], {
    nullable: true,
    description: 'Categories to get no e-mail for (the whole list: it replaces the current one)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTICE_CATEGORIES.length)
  @IsIn(NOTICE_CATEGORIES, { each: true })
  emailOff?: NoticeCategory[];

  @Field({ nullable: true, description: 'Gather non-mandatory notices in one daily mail' })
  @IsOmittable()
  @IsBoolean()
  digest?: boolean;

  @Field(() => Int, { nullable: true, description: 'The hour of the digest, 0 to 23, in your time zone' })
  @IsOmittable()
  @IsInt()
  digestHour?: number;

  @Field(() => String, { nullable: true, description: "An IANA time zone (e.g. Asia/Karachi); null goes back to the body's" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: 'The language of your notices: en, fr, es, zh, ru or ar; null goes back to English' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  locale?: string | null;
}
