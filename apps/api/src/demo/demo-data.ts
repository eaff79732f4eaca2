import { DataSource } from 'typeorm';
import { Actor, CommandRunner, MemberEntity, UserEntity, hashPassword } from '@app/core';
import type { Role } from '@app/core';
import { toIsoDate } from '@app/procedure';
import { BodyMeetingEntity, DisputesService } from '@app/registry';

/** Members of the demo registry: states along the Belt and Road routes. */
export const DEMO_MEMBERS: { code: string; name: string; joinedOn: string }[] = [
  { code: 'CHN', name: 'China', joinedOn: '2025-01-15' },
  { code: 'PAK', name: 'Pakistan', joinedOn: '2025-01-15' },
  { code: 'KAZ', name: 'Kazakhstan', joinedOn: '2025-01-15' },
  { code: 'IDN', name: 'Indonesia', joinedOn: '2025-01-15' },
  { code: 'MYS', name: 'Malaysia', joinedOn: '2025-02-03' },
  { code: 'THA', name: 'Thailand', joinedOn: '2025-02-03' },
  { code: 'EGY', name: 'Egypt', joinedOn: '2025-03-10' },
  { code: 'KEN', name: 'Kenya', joinedOn: '2025-03-10' },
  { code: 'HUN', name: 'Hungary', joinedOn: '2025-04-22' },
  { code: 'SRB', name: 'Serbia', joinedOn: '2025-04-22' },
  { code: 'UZB', name: 'Uzbekistan', joinedOn: '2025-05-05' },
  { code: 'VNM', name: 'Viet Nam', joinedOn: '2025-06-30' },
];

/** Demo sign-ins, printed at start-up. Never loaded in production. */
export const DEMO_USERS: { email: string; displayName: string; role: Role; memberCode?: string; password: string }[] = [
  { email: 'registrar@demo.dsb', displayName: 'Registrar (demo)', role: 'SECRETARIAT', password: 'registrar-demo-2026' },
  {
    email: 'delegate.chn@demo.dsb',
    displayName: 'Delegate of China (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'CHN',
    password: 'delegate-demo-2026',
  },
  {
    email: 'delegate.pak@demo.dsb',
    displayName: 'Delegate of Pakistan (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'PAK',
    password: 'delegate-demo-2026',
  },
  {
    email: 'delegate.kaz@demo.dsb',
    displayName: 'Delegate of Kazakhstan (demo)',
    role: 'MEMBER_DELEGATE',
    memberCode: 'KAZ',
    password: 'delegate-demo-2026',
  },
  { email: 'panelist@demo.dsb', displayName: 'Panelist (demo)', role: 'PANELIST', password: 'panelist-demo-2026' },
];

const DAY_MS = 86_400_000;

/**
 * Loads the demo data set into an empty database and says whether it did. A database that holds
 * any member or user is left alone. `meetingNoticeDays` is the body's notice for its meetings
 * (BODY_MEETING_NOTICE_DAYS).
 */
export async function loadDemoDataIfEmpty(
  dataSource: DataSource,
  commands: CommandRunner,
  disputes: DisputesService,
  meetingNoticeDays: number,
): Promise<boolean> {
  const [{ count }] = await dataSource.query('SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM users) AS count');
  if (Number(count) > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const meetingId = await commands.run({ actor: null, operation: 'loadDemoData' }, async (ctx) => {
    const members = await ctx.em
      .getRepository(MemberEntity)
      .save(DEMO_MEMBERS.map((m) => ctx.em.create(MemberEntity, { ...m, status: 'ACTIVE' })));
    const byCode = new Map(members.map((m) => [m.code, m.id]));
    await ctx.em.getRepository(UserEntity).save(
      DEMO_USERS.map((u, i) =>
        ctx.em.create(UserEntity, {
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          memberId: u.memberCode ? (byCode.get(u.memberCode) ?? null) : null,
          passwordHash: hashes[i],
          active: true,
        }),
      ),
    );
    // The demo's history: a meeting of the body today, convened with the notice its rules ask,
    // every member present (recorded). The body decides only at such meetings (DSU 6.1, 16.4).
    const meeting = await ctx.em.getRepository(BodyMeetingEntity).save(
      ctx.em.create(BodyMeetingEntity, {
        heldOn: toIsoDate(ctx.now),
        recordedAt: new Date(ctx.now.getTime() - meetingNoticeDays * DAY_MS),
        presentMembers: members.map((m) => m.code).sort(),
        attendanceRecordedAt: ctx.now,
      }),
    );
    ctx.target('DemoData', 'v1', { members: members.length, users: DEMO_USERS.length, bodyMeeting: meeting.id });
    return meeting.id;
  });
  await loadDemoDisputes(dataSource, disputes, meetingId);
  return true;
}

/**
 * A few disputes at different stages, filed and moved through the real services so that their
 * deadlines, docket and audit trail are what the procedure would have produced.
 */
async function loadDemoDisputes(dataSource: DataSource, disputes: DisputesService, meetingId: string): Promise<void> {
  const users = await dataSource.getRepository(UserEntity).find();
  const as = (email: string): Actor => {
    const user = users.find((u) => u.email === email) as UserEntity;
    return { userId: user.id, role: user.role, memberId: user.memberId };
  };
  const chn = as('delegate.chn@demo.dsb');
  const pak = as('delegate.pak@demo.dsb');
  const kaz = as('delegate.kaz@demo.dsb');
  const registrar = as('registrar@demo.dsb');
  const file = (actor: Actor, respondents: string[], title: string, measure: string, basis: string, urgent = false) =>
    disputes.requestConsultations(actor, {
      respondents,
      title,
      measures: [measure],
      legalBasis: [basis],
      summary: `${title}. Demo case.`,
      urgent,
    });
  const step = (
    actor: Actor,
    disputeId: string,
    action:
      | 'replyToRequest'
      | 'enterConsultations'
      | 'joinAsThirdParty'
      | 'acceptJoinRequest'
      | 'agreeEarlyPanelRequest'
      | 'requestPanel'
      | 'requestBodyMeeting'
      | 'establishPanel'
      | 'joinPanelAsThirdParty'
      | 'notifyMutuallyAgreedSolution',
    inputs: { memberCode?: string; meetingId?: string } = {},
  ) => disputes.takeAction(actor, { disputeId, action, ...inputs });

  // Kazakhstan asks to join the consultations and Pakistan accepts (DSU 4.11); once the panel is
  // established it joins the panel proceedings too (DSU 10.2), a capacity of its own.
  const fruit = await file(
    chn,
    ['PAK'],
    'Pakistan — Measures affecting the importation of fresh fruit',
    'Import licensing regime for fresh fruit',
    'GATT 1994 Art. XI:1',
  );
  await step(kaz, fruit.id, 'joinAsThirdParty');
  await step(pak, fruit.id, 'replyToRequest');
  await step(pak, fruit.id, 'acceptJoinRequest', { memberCode: 'KAZ' });
  await step(pak, fruit.id, 'enterConsultations');
  await step(chn, fruit.id, 'agreeEarlyPanelRequest');
  await step(pak, fruit.id, 'agreeEarlyPanelRequest');
  await step(chn, fruit.id, 'requestPanel');
  // China asks for a meeting on its request (DSU 6.1, footnote 5): the body, meeting today,
  // establishes the panel.
  await step(chn, fruit.id, 'requestBodyMeeting');
  await step(registrar, fruit.id, 'establishPanel', { meetingId });
  await step(kaz, fruit.id, 'joinPanelAsThirdParty');

  const steel = await file(
    kaz,
    ['CHN'],
    'China — Anti-dumping duties on flat-rolled steel',
    'Definitive anti-dumping duties on flat-rolled steel',
    'Anti-Dumping Agreement Art. 3.1',
  );
  await step(chn, steel.id, 'replyToRequest');

  await file(
    pak,
    ['KAZ'],
    'Kazakhstan — Sanitary measures on fresh mangoes',
    'Import ban on fresh mangoes',
    'SPS Agreement Art. 2.2',
    true,
  );

  const textiles = await file(
    chn,
    ['KAZ'],
    'Kazakhstan — Customs valuation of textiles',
    'Customs valuation practice for textile imports',
    'Customs Valuation Agreement Art. 1',
  );
  await step(kaz, textiles.id, 'notifyMutuallyAgreedSolution');
}
