import { noticeDay, noticeText } from '../notices/notice-language';
import { renderDigest, renderNotice, type MailNotice } from './templates';

// The mails in the recipient's language (README, "Notices by e-mail"): the templates' own words,
// the dates, the HTML's language and direction. English is held unchanged by templates.spec.ts.
const SETTINGS = { publicUrl: 'https://dsb.example.org', messageIdHost: 'dsb.example.org' };
const recipient = (locale: string | null, timeZone = 'Europe/Paris') => ({
  email: 'delegate@member.example',
  displayName: 'A Delegate',
  timeZone,
  locale: locale as string,
});
const notice = (over: Partial<MailNotice> = {}): MailNotice => ({
  id: '6f1c2c1e-0000-4000-8000-000000000001',
  category: 'FILING',
  kind: 'fileDocument',
  mandatory: true,
  payload: {
    subject: 'DS7: Filed',
    docketNumber: 'DS7',
    lines: ['Recorded {at}.'],
    dates: { at: '2026-03-13T00:00:00.000Z' },
    documents: [{ id: 'd1', title: 'First written submission', classification: 'RESTRICTED' }],
  },
  ...over,
});
const digestOf = (n: number) =>
  Array.from({ length: n }, (_, i) => notice({ id: `n${i}`, mandatory: false, payload: { subject: `Item ${i}`, lines: ['x'] } }));

describe('mail templates in the working languages', () => {
  it('writes a French mail: its words, its dates, its document labels, lang="fr"', () => {
    const mail = renderNotice(notice(), recipient('fr'), SETTINGS);
    expect(mail.text).toContain('Recorded 13 mars 2026 à 01:00 (Europe/Paris).');
    expect(mail.text).toContain(
      'Documents :\n  - First written submission (à distribution restreinte): https://dsb.example.org/documents/d1/content',
    );
    expect(mail.text).toContain('Vous recevez ce message en tant que A Delegate <delegate@member.example>');
    expect(mail.text).toContain('Il s’agit d’une notification obligatoire');
    expect(mail.text).not.toContain('mandatory service notice');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="fr" dir="ltr">/);
    expect(mail.html).toContain('<strong>Documents</strong>');
    const optional = renderNotice(notice({ mandatory: false, category: 'HEARING' }), recipient('fr'), SETTINGS);
    // The category keeps its code: it is what the preferences take (`emailOff: [HEARING]`).
    expect(optional.text).toContain('Vous pouvez désactiver les avis de cette catégorie (HEARING)');
    expect(renderDigest(digestOf(2), recipient('fr'), SETTINGS).subject).toBe(
      'Récapitulatif : 2 avis de l’Organe de règlement des différends',
    );
    expect(renderNotice(notice(), recipient('fr'), { ...SETTINGS, sandbox: true }).subject).toBe('[ENVIRONNEMENT DE FORMATION] DS7: Filed');
  });

  it('writes an Arabic mail right to left, with the Arabic dual', () => {
    const mail = renderNotice(notice(), recipient('ar', 'Asia/Riyadh'), SETTINGS);
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(mail.text).toContain('هذا إشعار تبليغ إلزامي');
    expect(mail.text).toContain('الوثائق:');
    expect(mail.text).toContain('(Asia/Riyadh)');
    expect(mail.text).not.toContain('March');
    expect(renderDigest(digestOf(2), recipient('ar'), SETTINGS).subject).toBe('ملخص: إشعاران من هيئة تسوية المنازعات');
    expect(renderDigest(digestOf(1), recipient('ar'), SETTINGS).subject).toBe('ملخص: إشعار واحد من هيئة تسوية المنازعات');
  });

  it('counts days left and notices in Russian with its plural forms (1, 2, 5, 21)', () => {
    const t = noticeText('ru');
    expect([0, 1, 2, 5, 21].map((days) => t('when', { days }))).toEqual([
      'сегодня',
      'завтра',
      'через 2 дня',
      'через 5 дней',
      'через 21 день',
    ]);
    expect([1, 2, 5, 21].map((n) => renderDigest(digestOf(n), recipient('ru'), SETTINGS).subject)).toEqual([
      'Сводка: 1 уведомление от Органа по разрешению споров',
      'Сводка: 2 уведомления от Органа по разрешению споров',
      'Сводка: 5 уведомлений от Органа по разрешению споров',
      'Сводка: 21 уведомление от Органа по разрешению споров',
    ]);
    const mail = renderNotice(notice(), recipient('ru', 'Europe/Moscow'), SETTINGS);
    expect(mail.text).toContain('Recorded 13 марта 2026 г. в 03:00 (Europe/Moscow).');
    expect(mail.html).toMatch(/<html lang="ru" dir="ltr">/);
    expect(noticeDay('ru', '2026-03-13')).toBe('13 марта 2026 г.');
  });

  it('writes a Chinese mail tagged zh-Hans, with Chinese dates', () => {
    const mail = renderNotice(notice(), recipient('zh', 'Asia/Shanghai'), SETTINGS);
    expect(mail.html).toMatch(/<html lang="zh-Hans" dir="ltr">/);
    expect(mail.text).toContain('Recorded 2026年3月13日 08:00（Asia/Shanghai）.');
    expect(mail.text).toContain('这是一项强制送达通知');
    expect(mail.text).toContain('First written submission (限制分发)');
    expect(renderDigest(digestOf(3), recipient('zh'), SETTINGS).subject).toBe('摘要：来自争端解决机构的 3 条通知');
  });

  it('writes English when the recipient has no language or one that is not a working language', () => {
    for (const locale of [null, 'de', 'en']) {
      const mail = renderNotice(notice(), recipient(locale), SETTINGS);
      expect(mail.html).toMatch(/<html lang="en" dir="ltr">/);
      expect(mail.text).toContain('Recorded March 13, 2026 at 1:00 AM (Europe/Paris).');
      expect(mail.text).toContain('Documents:\n  - First written submission (RESTRICTED)');
      expect(mail.text).toMatch(/This is a mandatory service notice/);
    }
    expect(noticeDay('en', '2026-03-13')).toBe('2026-03-13');
  });
});
