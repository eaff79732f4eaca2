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
        title: 'Measures & duties',
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

describe('the periodic report as PDF', () => {
  it('is a PDF naming its period, the same bytes for the same figures', async () => {
    const first = await periodicReportPdf(data, 'fr');
    expect(text(first).startsWith('%PDF-')).toBe(true);
    expect(text(first)).toContain('Periodic report, 2025-01-01 to 2025-12-31');
    expect(text(first).trimEnd().endsWith('%%EOF')).toBe(true);
    const again = await periodicReportPdf(data, 'fr');
    expect(again.length).toBe(first.length);
  });

  it('falls back to English for a script the fonts cannot render, and never fails for a missing font', async () => {
    expect(pdfLanguage('zh')).toMatchObject({ language: 'en', fellBack: true });
    expect(pdfLanguage('ar')).toMatchObject({ language: 'en', fellBack: true });
    expect(pdfLanguage('ru', [])).toMatchObject({ font: null, language: 'en', fellBack: true });
    expect(pdfLanguage('fr', [])).toMatchObject({ font: null, language: 'fr', fellBack: false });
    expect(pdfLanguage('ru', ['/nowhere/font.ttf'])).toMatchObject({ font: null, language: 'en' });
    for (const language of ['ar', 'zh', 'ru', 'es', 'en'] as const) {
      const pdf = await periodicReportPdf(data, language, { fonts: [] });
      expect(text(pdf).startsWith('%PDF-')).toBe(true);
    }
    const broken = await periodicReportPdf(data, 'ru', { fonts: [__filename] }); // not a font: Helvetica and English
    expect(text(broken).startsWith('%PDF-')).toBe(true);
  });
});
