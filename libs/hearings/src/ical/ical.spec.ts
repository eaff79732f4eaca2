import { buildCalendar, escapeText, foldLine, icalInstant } from './ical';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

describe('iCalendar serialisation', () => {
  it('folds at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'日本語のテキスト'.repeat(10)}`;
    const folded = foldLine(line).split('\r\n');
    for (const piece of folded) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('escapes text and writes UTC instants', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(icalInstant(new Date('2026-03-30T09:00:00.000Z'))).toBe('20260330T090000Z');
  });

  it('is read back by ical.js', () => {
    const text = buildCalendar(
      'Test',
      [
        {
          uid: 'abc@dispute-body',
          sequence: 2,
          status: 'CANCELLED',
          start: new Date('2026-03-30T09:00:00Z'),
          end: new Date('2026-03-30T12:00:00Z'),
          summary: 'DS1, first substantive meeting; long '.repeat(4),
          location: 'Room D, Geneva',
          description: null,
          url: null,
          lastModified: new Date('2026-03-01T00:00:00Z'),
        },
      ],
      new Date('2026-03-02T00:00:00Z'),
    );
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    const comp = new ICAL.Component(ICAL.parse(text));
    const [vevent] = comp.getAllSubcomponents('vevent');
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('abc@dispute-body');
    expect(event.sequence).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(event.location).toBe('Room D, Geneva');
    expect(event.summary).toBe('DS1, first substantive meeting; long '.repeat(4));
  });
});
