import {
  SANDBOX_MAIL_BANNER,
  escapeHtml,
  fillDates,
  formatInstant,
  messageIdFor,
  renderDigest,
  renderNotice,
  type MailNotice,
} from './templates';

const RECIPIENT = { email: 'delegate@pak.example', displayName: 'Ayesha <Delegate>', timeZone: 'Asia/Karachi', locale: 'en' };
const SETTINGS = { publicUrl: 'https://dsb.example.org', messageIdHost: 'dsb.example.org' };

const notice = (payload: Record<string, unknown>, over: Partial<MailNotice> = {}): MailNotice => ({
  id: '6f1c2c1e-0000-4000-8000-000000000001',
  category: 'FILING',
  kind: 'fileDocument',
  mandatory: true,
  payload,
  ...over,
});

describe('mail templates', () => {
  it('escapes every piece of the payload in the HTML, and leaves the text as written', () => {
    const mail = renderNotice(
      notice({
        subject: 'Filed: <script>alert(1)</script> & "more"',
        docketNumber: 'DS7',
        lines: ['China filed <b>its</b> submission & an annex', "O'Brien's note"],
        documents: [{ id: 'a"b', title: '<img src=x onerror=alert(1)>', classification: 'RESTRICTED' }],
      }),
      RECIPIENT,
      SETTINGS,
    );
    expect(mail.subject).toBe('DS7: Filed: <script>alert(1)</script> & "more"');
    expect(mail.html).not.toMatch(/<script|<b>|<img/);
    expect(mail.html).toContain('Filed: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(mail.html).toContain('China filed &lt;b&gt;its&lt;/b&gt; submission &amp; an annex');
    expect(mail.html).toContain('O&#39;Brien&#39;s note');
    expect(mail.html).toContain('<a href="https://dsb.example.org/documents/a%22b/content">&lt;img src=x onerror=alert(1)&gt;</a>');
    // The recipient's own name is escaped in the footer too.
    expect(mail.html).toContain('Ayesha &lt;Delegate&gt;');
    expect(mail.text).toContain('China filed <b>its</b> submission & an annex');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> (RESTRICTED): https://dsb.example.org/documents/a%22b/content');
    expect(mail.text).toMatch(/mandatory service notice/);
  });

  it('renders the named dates in the recipient’s zone and language, and says why a notice that can be turned off was sent', () => {
    const dates = { due: '2026-03-13T00:00:00.000Z' };
    expect(fillDates('Due by {due}; {unknown} stays', dates, RECIPIENT)).toBe(
      'Due by March 13, 2026 at 5:00 AM (Asia/Karachi); {unknown} stays',
    );
    expect(formatInstant(dates.due, { timeZone: 'Europe/Paris', locale: 'fr' })).toBe('13 mars 2026 à 01:00 (Europe/Paris)');
    const mail = renderNotice(
      notice({ subject: 'Hearing', lines: ['At {due}.'], dates }, { mandatory: false, category: 'HEARING' }),
      RECIPIENT,
      SETTINGS,
    );
    expect(mail.text).toContain('At March 13, 2026 at 5:00 AM (Asia/Karachi).');
    expect(mail.text).toMatch(/turn notices of this category \(HEARING\) off/);
  });

  it('gathers a digest into one mail and gives it a Message-ID of its own notices', () => {
    const a = notice({ subject: 'First', lines: ['one'] }, { id: 'a', mandatory: false });
    const b = notice({ subject: 'Second', lines: ['two'] }, { id: 'b', mandatory: false });
    const mail = renderDigest([a, b], RECIPIENT, SETTINGS);
    expect(mail.subject).toBe('Digest: 2 notices from the Dispute Settlement Body');
    expect(mail.text.indexOf('First')).toBeLessThan(mail.text.indexOf('Second'));
    expect(messageIdFor(['a'], 'h')).toBe('<a@h>');
    expect(messageIdFor(['a', 'b'], 'h')).toBe(messageIdFor(['b', 'a'], 'h'));
    expect(messageIdFor(['a', 'b'], 'h')).toMatch(/^<digest\.[0-9a-f]{32}@h>$/);
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
  it('marks every mail of a training sandbox, a notice and a digest alike, and no other mail', () => {
    const payload = { subject: 'Filed', docketNumber: 'DS7', lines: ['China filed'], documents: [] };
    const plain = renderNotice(notice(payload), RECIPIENT, SETTINGS);
    expect(plain.subject).toBe('DS7: Filed');
    expect(plain.text).not.toContain('SANDBOX');
    expect(plain.html).not.toContain('SANDBOX');
    const sandbox = { ...SETTINGS, sandbox: true };
    const one = renderNotice(notice(payload), RECIPIENT, sandbox);
    expect(one.subject).toBe('[TRAINING SANDBOX] DS7: Filed');
    expect(one.text.startsWith(`${SANDBOX_MAIL_BANNER}\n\n`)).toBe(true);
    expect(one.html).toContain(SANDBOX_MAIL_BANNER);
    const digest = renderDigest([notice(payload, { mandatory: false })], RECIPIENT, sandbox);
    expect(digest.subject).toMatch(/^\[TRAINING SANDBOX\] Digest/);
    expect(digest.text.startsWith(SANDBOX_MAIL_BANNER)).toBe(true);
    expect(digest.html).toContain(SANDBOX_MAIL_BANNER);
  });
});
