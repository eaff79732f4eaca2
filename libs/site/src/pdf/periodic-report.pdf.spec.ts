import { LANGUAGES, translator, type Language } from '@app/i18n';
import { FONT_CANDIDATES, SHIPPED_FONTS, loadFont } from './fonts';
import { drawnTexts } from './pdf-text';
import { periodicReportPdf, pdfLanguage } from './periodic-report.pdf';
import type { PeriodicReportData } from '../pages/periodic-report.page';

const data: PeriodicReportData = {
  periodicReport: {
    from: '2025-01-01',
    to: '2025-12-31',
    asOf: '2026-01-01T00:00:00.000Z',
    filed: 4,
    settled: 1,
    withdrawn: 0,
    decided: 2,
    complied: 1,
    stages: [
      {
        stage: 'CONSULTATIONS_REQUESTED',
        ended: 3,
        medianDays: 21,
        limitArticle: 'DSU 4.3',
        limitDays: 30,
        limitMonths: null,
        overran: 1,
        counted: 3,
      },
    ],
    outstandingCompliance: [
      {
        docketNumber: 'DS3',
        title: 'Measures & duties (Россия)',
        language: 'en',
        languages: ['en'],
        respondents: ['Kazakhstan'],
        adoptedAt: '2025-05-01T10:00:00Z',
        stage: 'IMPLEMENTATION_SURVEILLANCE',
      },
    ],
    elections: {
      held: 1,
      failed: 0,
      turnoutShare: 0.75,
      elections: [
        { docketNumber: 'DS2', kind: 'PANEL', status: 'CLOSED', closedAt: '2025-03-01T10:00:00Z', electorateSize: 8, turnout: 6 },
      ],
    },
  },
};

const text = (pdf: Buffer) => pdf.toString('latin1');

/** A drawn text's glyphs as characters, in the order drawn (left to right). */
const drawn = (glyphs: string[]) => glyphs.join('');

/**
 * Arabic letters by their shape without dots: Noto Sans Arabic draws a dotted letter as its
 * dotless base and the dots as marks, and PDFKit's ToUnicode map gives a shared base the letter
 * it was first drawn for. The order of the shapes is what a test can read back.
 */
const SKELETON: Record<string, string> = Object.fromEntries(
  ['بتثنيىئ', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'هة', 'وؤ', 'اأإآٱ'].flatMap((group) =>
    [...group].map((letter) => [letter, group[0]]),
  ),
);
const skeleton = (text: string) => [...text.replace(/[\u064b-\u065f\u0670\s]/gu, '')].map((char) => SKELETON[char] ?? char).join('');

describe('the periodic report as PDF', () => {
  it('is a PDF naming its period, the same bytes for the same figures', async () => {
    const first = await periodicReportPdf(data, 'fr');
    expect(text(first).startsWith('%PDF-')).toBe(true);
    expect(text(first)).toContain('Periodic report, 2025-01-01 to 2025-12-31');
    expect(text(first).trimEnd().endsWith('%%EOF')).toBe(true);
    const again = await periodicReportPdf(data, 'fr');
    expect(again.length).toBe(first.length);
    expect((await periodicReportPdf(data, 'ar')).equals(await periodicReportPdf(data, 'ar'))).toBe(true);
  });

  it('is written in each working language, in its font, with its headings, dates and numbers', async () => {
    const fonts: Record<Language, RegExp> = {
      en: /./,
      fr: /./,
      es: /./,
      ru: /./,
      zh: /^NotoSansSC-Regular$/,
      ar: /^NotoSansArabic-Regular$/,
    };
    for (const language of LANGUAGES) {
      const t = translator(language);
      const texts = drawnTexts(await periodicReportPdf(data, language));
      const heading = texts.find((x) => (x.actual ?? drawn(x.glyphs)) === t('reputation.report.outstanding'));
      expect({ language, heading: !!heading }).toEqual({ language, heading: true });
      expect(heading!.fonts).toHaveLength(1);
      expect(heading!.fonts[0]).toMatch(fonts[language]);
      // Every stage row's limit, in the language's words: "30 days (DSU 4.3)".
      const limit = t('reputation.limit.days', { count: 30, article: 'DSU 4.3' });
      expect(texts.some((x) => (x.actual ?? drawn(x.glyphs)) === limit)).toBe(true);
      expect(texts.every((x) => !x.glyphs.includes('?'))).toBe(true);
    }
    const zh = drawnTexts(await periodicReportPdf(data, 'zh'));
    expect(drawn(zh[0].glyphs)).toBe('定期报告（2025年1月1日至2025年12月31日）');
  });

  it('sets Arabic right to left: glyphs in visual order, the logical line as its text, Latin and digits left to right', async () => {
    const t = translator('ar');
    const texts = drawnTexts(await periodicReportPdf(data, 'ar'));
    const heading = t('reputation.report.outstanding');
    const drawnHeading = texts.find((x) => x.actual === heading)!;
    expect(drawnHeading.fonts).toEqual(['NotoSansArabic-Regular']);
    // Drawn from the left, the glyphs are the heading's letters from its last to its first.
    expect(skeleton(drawn([...drawnHeading.glyphs].reverse()))).toBe(skeleton(heading));
    expect(skeleton(drawn(drawnHeading.glyphs))).not.toBe(skeleton(heading));
    // The title: "from 1 January 2025 to 31 December 2025", the numbers each left to right.
    const title = texts[0];
    expect(title.actual).toBe('التقرير الدوري، من 1 يناير 2025 إلى 31 ديسمبر 2025');
    const glyphs = drawn(title.glyphs);
    expect(glyphs.startsWith('2025')).toBe(true);
    expect(glyphs.indexOf('31')).toBeLessThan(glyphs.indexOf('2025', 4));
    // A Russian title has no glyph in Noto Sans Arabic: Noto Sans SC draws it, in the same line.
    const filed = texts.find((x) => x.actual?.includes('Measures & duties'))!;
    expect(filed.fonts).toEqual(['NotoSansArabic-Regular', 'NotoSansSC-Regular']);
    expect(drawn(filed.glyphs)).toBe('Measures & duties (Россия)');
    expect(filed.baselines).toHaveLength(1);
    // The table's first column is on the right: the stage's name right of its figures.
    const stage = texts.find((x) => x.actual === t('stage.CONSULTATIONS_REQUESTED'))!;
    const ended = texts.find((x) => x.actual === '3')!;
    const column = texts.find((x) => x.actual === t('reputation.col.stage'))!;
    expect(stage.x).toBeGreaterThan(ended.x);
    expect(column.x).toBeGreaterThan(ended.x);
    expect(stage.x).toBeGreaterThan(300);
    // In French the same table starts on the left.
    const french = drawnTexts(await periodicReportPdf(data, 'fr'));
    const stageFr = french.find((x) => drawn(x.glyphs) === translator('fr')('stage.CONSULTATIONS_REQUESTED'))!;
    expect(stageFr.x).toBeLessThan(100);
  });

  it('writes a title or a member of another script in a left-to-right report in the font that has its glyphs, Arabic right to left', async () => {
    // A dispute filed only in Chinese, against a member named in Arabic, in a French report.
    const title = '关于进口钢铁产品的保障措施以及相关的反倾销税和反补贴税调查';
    const member = 'المملكة المغربية';
    const [outstanding] = data.periodicReport.outstandingCompliance;
    const mixed: PeriodicReportData = {
      periodicReport: {
        ...data.periodicReport,
        outstandingCompliance: [{ ...outstanding, title, language: 'zh', languages: ['zh'], respondents: [member, 'Chile'] }],
      },
    };
    const pdf = await periodicReportPdf(mixed, 'fr', { fonts: FONT_CANDIDATES });
    expect(pdf.equals(await periodicReportPdf(mixed, 'fr', { fonts: FONT_CANDIDATES }))).toBe(true);
    const texts = drawnTexts(pdf);
    expect(texts.filter((x) => x.notdef > 0)).toEqual([]);
    // French in the French font, the docket number too.
    const french = pdfLanguage('fr', FONT_CANDIDATES).font;
    const heading = texts.find((x) => drawn(x.glyphs) === translator('fr')('reputation.report.outstanding'))!;
    expect(heading.fonts).toEqual([french]);
    expect(texts.find((x) => drawn(x.glyphs) === 'DS3')!.fonts).toEqual([french]);
    // The Chinese title in Noto Sans SC, wrapped by PDFKit within its column over several lines.
    const chinese = texts.filter((x) => x.fonts.includes('NotoSansSC-Regular'));
    expect(chinese.every((x) => x.fonts.length === 1)).toBe(true);
    expect(chinese.length).toBeGreaterThan(1);
    expect(chinese.map((x) => drawn(x.glyphs)).join('')).toBe(title);
    // The row is as tall as the title's lines: the closing note is below the last, a line and more apart.
    const note = texts.find((x) => drawn(x.glyphs).startsWith(translator('fr')('reputation.pdf.source').slice(0, 20)))!;
    expect(chinese[chinese.length - 1].y - note.y).toBeGreaterThan(20);
    // The member in Noto Sans Arabic, its letters drawn from its last to its first, the rest of the cell in French's font.
    const respondents = texts.find((x) => x.actual === `${member}, Chile`)!;
    expect(respondents.fonts).toEqual(['NotoSansArabic-Regular', french]);
    expect(drawn(respondents.glyphs).endsWith(', Chile')).toBe(true);
    const arabic = respondents.glyphs.slice(0, respondents.glyphs.length - ', Chile'.length);
    expect(skeleton(drawn([...arabic].reverse()))).toBe(skeleton(member));
    expect(skeleton(drawn(arabic))).not.toBe(skeleton(member));
    // On the row's baseline, as the date beside it, the Arabic run and the Latin one alike (fonts' ascenders differ).
    expect(respondents.baselines).toEqual([texts.find((x) => drawn(x.glyphs) === '1 mai 2025')!.y]);
  });

  it('writes a Russian title in an English report whose font has no Cyrillic in Noto Sans SC', async () => {
    // The machine's font here has Latin letters but no Cyrillic (Noto Sans Arabic's).
    const latinOnly = require.resolve(SHIPPED_FONTS.arabic);
    expect(loadFont(latinOnly)?.hasGlyphForCodePoint('Р'.codePointAt(0)!)).toBe(false);
    const english = drawnTexts(await periodicReportPdf(data, 'en', { fonts: [latinOnly] }));
    expect(english.filter((x) => x.notdef > 0)).toEqual([]);
    expect(english.find((x) => drawn(x.glyphs) === 'Россия')!.fonts).toEqual(['NotoSansSC-Regular']);
    expect(english.find((x) => drawn(x.glyphs) === 'Measures & duties (')!.fonts).toEqual(['NotoSansArabic-Regular']);
    // Wherever the machine's font has Cyrillic, the title is drawn whole in it.
    const russian = drawnTexts(await periodicReportPdf(data, 'en', { fonts: FONT_CANDIDATES }));
    expect(russian.filter((x) => x.notdef > 0)).toEqual([]);
    expect(russian.some((x) => drawn(x.glyphs).includes('Россия'))).toBe(true);
  });

  it('needs no font of the machine, parses each font once, and renders well under a second', async () => {
    expect(pdfLanguage('zh')).toEqual({ font: 'NotoSansSC-Regular', language: 'zh', fellBack: false });
    expect(pdfLanguage('ar')).toEqual({ font: 'NotoSansArabic-Regular', language: 'ar', fellBack: false });
    expect(pdfLanguage('ru', [])).toEqual({ font: 'NotoSansSC-Regular', language: 'ru', fellBack: false });
    expect(pdfLanguage('ru', ['/nowhere/font.ttf', __filename])).toMatchObject({ font: 'NotoSansSC-Regular', language: 'ru' });
    const russian = drawnTexts(await periodicReportPdf(data, 'ru', { fonts: [] }));
    expect(russian.some((x) => drawn(x.glyphs) === translator('ru')('reputation.report.outstanding'))).toBe(true);
    expect(loadFont(SHIPPED_FONTS.sc)).toBe(loadFont(SHIPPED_FONTS.sc));
    expect(loadFont(SHIPPED_FONTS.arabic)?.postscriptName).toBe('NotoSansArabic-Regular');
    for (const language of LANGUAGES) {
      await periodicReportPdf(data, language, { fonts: FONT_CANDIDATES });
      const before = process.cpuUsage();
      await periodicReportPdf(data, language, { fonts: FONT_CANDIDATES });
      const used = process.cpuUsage(before);
      // Milliseconds of processor time (not of the clock, which a busy machine stretches).
      expect({ language, fast: (used.user + used.system) / 1000 < 500 }).toEqual({ language, fast: true });
    }
  });

  it('falls back to Helvetica and English only when no font at all can be read, and never fails for a font', async () => {
    const nowhere = { sc: '/nowhere/sc.ttf', arabic: '/nowhere/arabic.ttf' };
    expect(pdfLanguage('zh', [], nowhere)).toEqual({ font: null, language: 'en', fellBack: true });
    expect(pdfLanguage('ar', [], nowhere)).toEqual({ font: null, language: 'en', fellBack: true });
    expect(pdfLanguage('fr', [], nowhere)).toEqual({ font: null, language: 'fr', fellBack: false });
    for (const language of LANGUAGES) {
      const pdf = await periodicReportPdf(data, language, { fonts: [], shipped: nowhere });
      expect(text(pdf).startsWith('%PDF-')).toBe(true);
      const texts = drawnTexts(pdf);
      expect(texts.every((x) => x.fonts.every((font) => font === 'Helvetica'))).toBe(true);
      if (language === 'ar' || language === 'zh' || language === 'ru')
        expect(texts.some((x) => drawn(x.glyphs).startsWith('This report is in English'))).toBe(true);
    }
    const broken = await periodicReportPdf(data, 'ru', { fonts: [__filename], shipped: { sc: __filename, arabic: __filename } });
    expect(text(broken).startsWith('%PDF-')).toBe(true);
  });
});
