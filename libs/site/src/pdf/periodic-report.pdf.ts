import { LANGUAGE_NAMES, formatDay, formatNumber, translator, type Language } from '@app/i18n';
import { toIsoDate } from '@app/procedure';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { PeriodicReportData, activityFigures, reportTitle, turnoutText } from '../pages/periodic-report.page';
import { daysText, limitText, shareText } from '../pages/reputation-parts';

/**
 * Fonts the PDF may embed, the first one present wins: DejaVu Sans (Debian, Ubuntu, Alpine's
 * font-dejavu), Noto Sans, Liberation Sans. None of them is shipped with the application: a
 * machine without any still gets a PDF, in English in the PDF's own Helvetica.
 */
export const FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];

/**
 * The languages each kind of font renders. These fonts cover the Latin and Cyrillic scripts, not
 * the Chinese characters. Arabic has glyphs in DejaVu, but PDFKit neither reorders right-to-left
 * text nor joins Arabic letters reliably, so an Arabic PDF would be wrong: it is English with a
 * note. The PDF's standard Helvetica (no file needed) has only the Latin-1 letters.
 */
const EMBEDDED_LANGUAGES: readonly Language[] = ['en', 'fr', 'es', 'ru'];
const STANDARD_LANGUAGES: readonly Language[] = ['en', 'fr', 'es'];

export interface PdfOptions {
  /** Where to look for a font (tests pass none to play a machine without fonts). */
  fonts?: readonly string[];
}

/** The font and the language the PDF is written in, and whether it fell back to English. */
export function pdfLanguage(
  language: Language,
  fonts: readonly string[] = FONT_CANDIDATES,
): { font: string | null; language: Language; fellBack: boolean } {
  const font = fonts.find((path) => existsSync(path)) ?? null;
  const renders = font ? EMBEDDED_LANGUAGES : STANDARD_LANGUAGES;
  return renders.includes(language) ? { font, language, fellBack: false } : { font, language: 'en', fellBack: true };
}

/**
 * The periodic report as a PDF, from the same data as the page (the periodicReport query). Its
 * dates are the report's own (CreationDate is the moment the figures describe), so the same period
 * gives the same document. Never throws for a font: a font that cannot be read falls back to
 * Helvetica and English.
 */
export async function periodicReportPdf(data: PeriodicReportData, requested: Language, options: PdfOptions = {}): Promise<Buffer> {
  let choice = pdfLanguage(requested, options.fonts);
  const r = data.periodicReport;
  const asOf = new Date(r.asOf);
  const subject = `Periodic report, ${r.from} to ${r.to}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: subject,
      Subject: subject,
      Author: 'Dispute Settlement Body',
      Creator: 'Dispute Settlement Body',
      CreationDate: asOf,
      ModDate: asOf,
    },
    lang: choice.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (choice.font) {
    try {
      doc.registerFont('body', choice.font);
      doc.font('body');
    } catch {
      choice = pdfLanguage(requested, []);
      doc.font('Helvetica');
    }
  } else doc.font('Helvetica');

  const language = choice.language;
  const t = translator(language);
  const n = (value: number) => formatNumber(language, value);
  doc.fontSize(18).text(reportTitle(t, language, r));
  doc
    .moveDown(0.3)
    .fontSize(9)
    .fillColor('#4a4a4a')
    .text(`${r.from} – ${r.to} · ${t('reputation.pdf.asOf', { asOf: formatDay(language, toIsoDate(asOf)) })}`);
  if (choice.fellBack) {
    // In English, since the requested language is the one this document cannot render.
    doc
      .moveDown(0.3)
      .text(`This report is in English: the fonts available here cannot render ${LANGUAGE_NAMES[requested]} (${requested}).`);
  }
  doc.fillColor('#1b1b1b');

  const heading = (text: string) => doc.moveDown(1).fontSize(13).text(text).moveDown(0.3).fontSize(10);
  heading(t('reputation.report.activity'));
  for (const f of activityFigures(t, r)) doc.text(`${f.label}: ${n(f.value)}`);

  heading(t('reputation.report.stages'));
  const stages = r.stages.filter((s) => s.ended > 0 || (s.overran ?? 0) > 0);
  if (!stages.length) doc.text(t('reputation.none'));
  for (const s of stages) {
    doc.text(t(`stage.${s.stage}`), { continued: false });
    doc
      .fillColor('#4a4a4a')
      .text(
        `   ${t('reputation.col.ended')}: ${n(s.ended)} · ${t('reputation.col.median')}: ${daysText(t, s.medianDays)} · ${t('reputation.col.limit')}: ${limitText(t, s)} · ${t('reputation.col.overran')}: ${shareText(t, language, s.overran, s.counted)}`,
      )
      .fillColor('#1b1b1b');
  }

  heading(t('reputation.report.elections'));
  if (!r.elections.held) doc.text(t('reputation.report.noElections'));
  else {
    doc.text(
      t('reputation.report.electionsSummary', {
        held: r.elections.held,
        failed: r.elections.failed,
        turnout: turnoutText(language, r.elections.turnoutShare),
      }),
    );
    for (const e of r.elections.elections)
      doc.text(
        `${e.docketNumber} · ${formatDay(language, toIsoDate(new Date(e.closedAt)))} · ${t(`reputation.election.${e.status}`)} · ${n(e.turnout)} / ${n(e.electorateSize)}`,
      );
  }

  heading(t('reputation.report.outstanding'));
  if (!r.outstandingCompliance.length) doc.text(t('reputation.none'));
  for (const o of r.outstandingCompliance)
    doc.text(
      `${o.docketNumber} · ${o.title} · ${o.respondents.join(', ')} · ${t('reputation.col.adopted')}: ${formatDay(language, toIsoDate(new Date(o.adoptedAt)))} · ${t(`stage.${o.stage}`)}`,
    );

  doc.moveDown(1.5).fontSize(8).fillColor('#4a4a4a').text(t('reputation.pdf.source'));
  doc.end();
  return done;
}
