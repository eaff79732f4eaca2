import { breakLines, shaperText, visualRuns } from './bidi-lines';

describe('lines of mixed direction in visual order', () => {
  it('puts an Arabic line’s runs from right to left, its numbers left to right', () => {
    // "from 1 to 31": read from the right, so drawn from the left as 31, "to", 1, "from".
    expect(visualRuns('من 1 إلى 31', 'rtl')).toEqual([
      { text: '31', rtl: false },
      { text: ' ىلإ ', rtl: true },
      { text: '1', rtl: false },
      { text: ' نم', rtl: true },
    ]);
    // A Latin citation inside Arabic stays one left-to-right run, its brackets drawn facing it.
    expect(visualRuns('30 يومًا (DSU 4.3)', 'rtl')).toEqual([
      { text: '(', rtl: true },
      { text: 'DSU 4.3', rtl: false },
      { text: ') اًموي ', rtl: true },
      { text: '30', rtl: false },
    ]);
    expect(visualRuns('DS3 · Kazakhstan', 'rtl')).toEqual([{ text: 'DS3 · Kazakhstan', rtl: false }]);
  });

  it('mirrors brackets in right-to-left runs and leaves the direction controls out', () => {
    // Logical "(أ)": the closing bracket comes first from the left, drawn as an opening one.
    expect(visualRuns('(أ)', 'rtl')).toEqual([{ text: '(أ)', rtl: true }]);
    // Latin alone in brackets in an Arabic line: the brackets take the line's direction (UAX #9, N0).
    expect(visualRuns('(a)', 'rtl')).toEqual([
      { text: '(', rtl: true },
      { text: 'a', rtl: false },
      { text: ')', rtl: true },
    ]);
    // Intl's Arabic percent carries LRMs, which no font draws.
    expect(visualRuns('75\u200e%\u200e', 'rtl')).toEqual([{ text: '75%', rtl: false }]);
    expect(visualRuns('', 'rtl')).toEqual([]);
  });

  it('keeps a left-to-right line as it is, an Arabic word in it reversed', () => {
    expect(visualRuns('Report 2025', 'ltr')).toEqual([{ text: 'Report 2025', rtl: false }]);
    expect(visualRuns('Report (العربية)', 'ltr')).toEqual([
      { text: 'Report (', rtl: false },
      { text: 'ةيبرعلا', rtl: true },
      { text: ')', rtl: false },
    ]);
  });

  it('gives the shaper logical order for the runs it reverses itself, visual order for the others', () => {
    // Arabic letters: the shaper joins them in logical order, then reverses the glyphs.
    expect(shaperText({ text: ' ىلإ ', rtl: true })).toBe(' إلى ');
    // Arabic-Indic digits are an Arabic-script run left to right: the shaper reverses it too.
    expect(shaperText({ text: '١٢', rtl: false })).toBe('٢١');
    // Latin, digits, or punctuation alone: the shaper draws them as given.
    expect(shaperText({ text: 'DSU 4.3', rtl: false })).toBe('DSU 4.3');
    expect(shaperText({ text: ' :', rtl: true })).toBe(' :');
  });

  it('breaks lines at spaces within the width, a longer word alone', () => {
    const measure = (text: string) => text.length;
    expect(breakLines('aa bb cc dd', 5, measure)).toEqual(['aa bb', 'cc dd']);
    expect(breakLines('aa bbbbbbbb cc', 5, measure)).toEqual(['aa', 'bbbbbbbb', 'cc']);
    expect(breakLines('aa\nbb', 80, measure)).toEqual(['aa', 'bb']);
  });
});
