import { UserEntity } from '@app/core';
import { NoticeDelivery, NoticeEntity, RemindersService } from '@app/notices';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';
import { SmtpTestServer } from './smtp-test-server';

const PREFS = `mutation($input: UpdateNoticePreferencesInput!) { updateNoticePreferences(input: $input) { locale timeZone } }`;
const MY_NOTICES = `query { myNotices(first: 10) { nodes { kind subject lines } } }`;

// Notices in the recipient's language (README, "Notices by e-mail"): one step served on three
// delegates of the respondent, whose `locale` is French, Arabic or none (English).
describe('notices in the recipient’s language', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let filer: UserEntity;
  let french: UserEntity;
  let arabic: UserEntity;
  let english: UserEntity;
  let number: string;
  const mailTo = (user: UserEntity) => {
    const mails = smtp.received.filter((r) => r.envelopeTo.includes(user.email));
    expect(mails).toHaveLength(1);
    return mails[0].mail;
  };
  const reminderOf = async (user: UserEntity) =>
    t.db.getRepository(NoticeEntity).findOneByOrFail({ recipientUserId: user.id, kind: 'deadlineReminder' });

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    t = await startTestApp({
      start: '2026-03-02T09:00:00Z',
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Registry <registry@dsb.test>',
        PUBLIC_URL: 'https://dsb.test',
        BODY_TIME_ZONE: 'Europe/Zurich',
      },
    });
    const chn = await createMember(t.db, { code: 'CHN', name: 'China' });
    const pak = await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
    filer = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: chn.id });
    french = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: pak.id, email: 'fr@pak.test' });
    arabic = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: pak.id, email: 'ar@pak.test' });
    english = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: pak.id, email: 'en@pak.test' });
    for (const [user, locale] of [
      [french, 'fr'],
      [arabic, 'ar'],
    ] as const) {
      const res = await t.gql(PREFS, { input: { locale, timeZone: 'Europe/Paris' } }, t.tokenFor(user));
      expect(res.errors).toBeUndefined();
    }
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id docketNumber } }`,
      {},
      t.tokenFor(filer),
    );
    expect(filed.errors).toBeUndefined();
    number = filed.data!.requestConsultations.docketNumber;
    const report = await t.app.get(NoticeDelivery).deliverDue();
    expect(report.sent).toBe(3);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails the French delegate in French, dates included, and the English one of the same step in English', async () => {
    const fr = mailTo(french);
    const en = mailTo(english);
    expect(fr.subject).toMatch(new RegExp(`^${number} : `));
    expect(en.subject).toMatch(new RegExp(`^${number}: `));
    expect(fr.text).toContain(`Inscription 1 au registre de l’affaire ${number}, enregistrée le 2 mars 2026 à 10:00 (Europe/Paris).`);
    expect(fr.text).toContain('Il s’agit d’une notification obligatoire');
    expect(fr.text).not.toContain('mandatory service notice');
    expect(fr.html).toContain('<html lang="fr" dir="ltr">');
    expect(en.text).toContain(`Entry 1 of the docket of ${number}, recorded March 2, 2026 at 10:00 AM (Europe/Zurich).`);
    expect(en.text).toContain('This is a mandatory service notice');
    expect(en.text).not.toContain('Inscription');
    expect(en.html).toContain('<html lang="en" dir="ltr">');
  });

  it('mails the Arabic delegate right to left', async () => {
    const ar = mailTo(arabic);
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.text).toContain(`القيد 1 في سجل القضية ${number}`);
    expect(ar.text).toContain('هذا إشعار تبليغ إلزامي');
  });

  it('lists each notice in its recipient’s language in myNotices', async () => {
    const lines = async (user: UserEntity) => {
      const res = await t.gql(MY_NOTICES, {}, t.tokenFor(user));
      expect(res.errors).toBeUndefined();
      return res.data!.myNotices.nodes[0].lines.join('\n') as string;
    };
    expect(await lines(french)).toContain('Inscription 1 au registre');
    expect(await lines(english)).toContain('Entry 1 of the docket');
  });

  it('reminds each delegate of the same limit in their language, with the days left in its plural and the day in its form', async () => {
    // The reply is due on 12 March (DSU 4.3); at the start of 5 March in Paris and Zurich, 7 days are left.
    t.clock.set('2026-03-05T00:00:00Z');
    expect((await t.app.get(RemindersService).remindDue()).reminders).toBe(3);
    const [fr, en, ar] = await Promise.all([reminderOf(french), reminderOf(english), reminderOf(arabic)]);
    expect(fr.payload.subject).toBe('Rappel : le délai REPLY_TO_REQUEST expire dans 7 jours (12 mars 2026)');
    expect((fr.payload.lines as string[])[0]).toContain('s’impose à votre Membre et expire le 12 mars 2026.');
    expect(fr.payload.language).toBe('fr');
    expect(en.payload.subject).toBe('Reminder: REPLY_TO_REQUEST is due in 7 days (2026-03-12)');
    expect(ar.payload.subject).toMatch(/^تذكير: تنتهي المهلة REPLY_TO_REQUEST بعد \S+ أيام \(/);
  });
});
