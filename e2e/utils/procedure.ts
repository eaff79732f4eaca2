import { toIsoDate } from '@app/procedure';
import { BodyMeetingEntity } from '@app/registry';
import { MemberEntity } from '@app/core';
import { createMember } from './factories';
import { startTestApp, type TestApp } from './test-app';

const DAY = 86_400_000;

/**
 * A meeting of the body held today (the test clock's day), convened 10 days ago with every active
 * member present: what a decision of the body needs (DSU 6.1, 16.4; the body's notice and quorum).
 * Written directly, as a factory, so that a scenario about something else keeps its timeline; the
 * meetings themselves are tested through the API in e2e/registry/body-meetings.e2e-spec.ts.
 */
export async function meetingToday(t: TestApp, present?: string[]): Promise<string> {
  const now = t.clock.now();
  const heldOn = toIsoDate(now);
  const codes = present ?? (await t.db.getRepository(MemberEntity).findBy({ status: 'ACTIVE' })).map((m) => m.code).sort();
  const repo = t.db.getRepository(BodyMeetingEntity);
  const existing = await repo.findOneBy({ heldOn });
  if (existing) {
    await repo.update({ id: existing.id }, { presentMembers: codes, attendanceRecordedAt: now });
    return existing.id;
  }
  const saved = await repo.save(
    repo.create({ heldOn, recordedAt: new Date(now.getTime() - 10 * DAY), presentMembers: codes, attendanceRecordedAt: now }),
  );
  return saved.id;
}

/** takeAction with every input a step may need; `meetingId` for a decision of the body, `memberCode` for an answer to a request to join (DSU 4.11). */
export const TAKE_ACTION = `mutation($id: ID!, $action: ProcedureAction!, $meetingId: ID, $memberCode: String, $note: String, $rptEndsOn: LocalDate, $extension: ExtensionInput) {
  takeAction(input: { disputeId: $id, action: $action, meetingId: $meetingId, memberCode: $memberCode, note: $note, rptEndsOn: $rptEndsOn, extension: $extension }) { id stage }
}`;

/** The decisions of the body taken through takeAction: they need the meeting. */
export const BODY_ACTIONS = new Set([
  'establishPanel',
  'recordBodyMeeting',
  'referComplianceReview',
  'authorizeSuspension',
  'declareCompliance',
]);

/** A party files a one-line text document in a dispute (a notification), as public or restricted. */
export async function fileTextDocument(
  app: TestApp,
  token: string,
  disputeId: string,
  title: string,
  classification: 'PUBLIC' | 'RESTRICTED',
): Promise<void> {
  const res = await app.gql(
    `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
    {
      input: {
        disputeId,
        title,
        fileName: 'doc.txt',
        mediaType: 'text/plain',
        content: Buffer.from(title).toString('base64'),
        kind: 'NOTIFICATION',
        classification,
      },
    },
    token,
  );
  expect(res.errors).toBeUndefined();
}

/**
 * Two API processes on one database, as behind a load balancer (what is cached in one must be
 * dropped by a command on the other), with China and Pakistan as members.
 */
export async function startTwoApps(): Promise<{ a: TestApp; b: TestApp; members: Record<'CHN' | 'PAK', MemberEntity> }> {
  const a = await startTestApp();
  const b = await startTestApp({ databaseUrl: a.databaseUrl });
  const members = {
    CHN: await createMember(a.db, { code: 'CHN', name: 'China' }),
    PAK: await createMember(a.db, { code: 'PAK', name: 'Pakistan' }),
  };
  return { a, b, members };
}
