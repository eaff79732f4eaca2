import { LANGUAGE_NAMES, direction, formatDay, formatNumber, languageTag, translator, type Language } from '@app/i18n';
import { toIsoDate } from '@app/procedure';
import PDFDocument from 'pdfkit';
import { PeriodicReportData, activityFigures, reportTitle, turnoutText } from '../pages/periodic-report.page';
import { daysText, limitText, shareText } from '../pages/reputation-parts';
import { breakLines, hasRightToLeft, shaperText, visualRuns } from './bidi-lines';
import { Font, FontSources, fontChain, fontRuns } from './fonts';

export interface PdfOptions {
  /** The machine's fonts to try for en, fr, es and ru (tests pass none to play a machine without fonts). */
  fonts?: readonly string[];
  /** Where the shipped fonts are (tests point them nowhere to play an install without them). */
  shipped?: FontSources['shipped'];
}

/**
 * The language the PDF is written in, its font (PostScript name), and whether it fell back to
 * English: only when no font can be read at all (not even the shipped ones), in PDF's own
 * Helvetica, which has the Latin-1 letters of English, French and Spanish only.
 */
export function pdfLanguage(
  language: Language,
  fonts?: readonly string[],
  shipped?: FontSources['shipped'],
): { font: string | null; language: Language; fellBack: boolean } {
  const [font] = fontChain(language, { candidates: fonts, shipped });
  if (font) return { font: font.postscriptName, language, fellBack: false };
  return STANDARD_LANGUAGES.includes(language) ? { font: null, language, fellBack: false } : { font: null, language: 'en', fellBack: true };
}

const STANDARD_LANGUAGES: readonly Language[] = ['en', 'fr', 'es'];

/** The shaping features PDFKit passes to fontkit: given (even none), PDFKit lays out a run whole instead of word by word. */
const WHOLE_RUN: PDFKit.Mixins.OpenTypeFeatures[] = [];
/**
 * None, word by word (PDFKit's cache): null and not undefined, since a continued text takes the
 * options of the call before for those it leaves undefined (a Latin run after an Arabic one would
 * be shaped whole).
 */
const WORD_BY_WORD = null as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/**
 * Every run of a line on the first font's baseline: PDFKit puts a run's top at the line's, and the
 * fonts' ascenders differ (an Arabic name would sit lower than the Latin words around it, a Russian
 * title higher than the Arabic). A number is the baseline's offset in points, upwards; the
 * arithmetic is PDFKit's for its default.
 */
function baseline(chain: readonly Font[], size: number): number {
  return chain.length ? -(((chain[0].ascent * (1000 / chain[0].unitsPerEm)) / 1000) * size) : 0;
}

/**
 * Sets text in a box: left to right, PDFKit's own line wrapper (which breaks Chinese between
 * characters), the text cut into runs by the font of the chain that has their glyphs and drawn
 * with `continued` so that lines wrap across runs; for Arabic, lines broken at spaces, each line's
 * runs put in visual order (bidi-lines) and set from the right margin, each run in the first font
 * of the chain that has its glyphs.
 */
interface Setter {
  height(text: string, width: number): number;
  draw(text: string, x: number, y: number, width: number): void;
}

function leftToRight(doc: PDFKit.PDFDocument, chain: readonly Font[], size: () => number): Setter {
  /**
   * The runs of a line in the order drawn. An Arabic run (a name filed in Arabic in a French
   * report) reads right to left inside the line: its characters in visual order (bidi-lines), each
   * right-to-left piece handed whole to the shaper, which joins the letters and reverses them.
   */
  const pieces = (line: string) =>
    fontRuns(chain, line || ' ').flatMap((run) =>
      hasRightToLeft(run.text)
        ? visualRuns(run.text, 'ltr').map((visual) => ({
            text: shaperText(visual),
            font: run.font,
            features: visual.rtl ? WHOLE_RUN : WORD_BY_WORD,
          }))
        : [{ ...run, features: WORD_BY_WORD }],
    );
  /**
   * Each run in its font, continued to the next, PDFKit wrapping the line across them; a text in one
   * font and direction in one call, as PDFKit has always set it. A line break ends the runs: PDFKit's
   * continued text goes on from the end of the line before, not from the margin.
   */
  const each = (text: string, width: number, write: (piece: string, options: PDFKit.Mixins.TextOptions, lineStart: boolean) => void) => {
    const whole = fontRuns(chain, text);
    const lines =
      whole.length <= 1 && !hasRightToLeft(text)
        ? [[{ text, font: whole[0]?.font ?? 0, features: WORD_BY_WORD }]]
        : text.split('\n').map(pieces);
    for (const list of lines)
      list.forEach((piece, index) => {
        doc.font(`f${piece.font}`);
        write(
          piece.text,
          { width, continued: index < list.length - 1, features: piece.features, baseline: baseline(chain, size()) },
          index === 0,
        );
      });
    doc.font('f0');
  };
  if (!chain.length)
    return {
      height: (text, width) => doc.heightOfString(text, { width }),
      draw: (text, x, y, width) => void doc.text(text, x, y, { width }),
    };
  return {
    // Each call measures the lines its run ends (its last, continued, is counted by the next).
    height: (text, width) => {
      let height = 0;
      each(text, width, (piece, options) => (height += doc.heightOfString(piece, options)));
      return height;
    },
    draw: (text, x, y, width) => {
      // Drawn in visual order, a line with Arabic is read (searched, copied, spoken) as its logical text.
      const marked = hasRightToLeft(text);
      if (marked) doc.markContent('Span', { actual: text });
      doc.y = y;
      each(text, width, (piece, options, lineStart) => void (lineStart ? doc.text(piece, x, doc.y, options) : doc.text(piece, options)));
      if (marked) doc.endMarkedContent();
    },
  };
}

function rightToLeft(doc: PDFKit.PDFDocument, chain: readonly Font[], size: () => number): Setter {
  /** A line's pieces, left to right: the text to give the shaper and the font (its index in the chain). */
  const pieces = (line: string) =>
    visualRuns(line, 'rtl').flatMap((run) =>
      fontRuns(chain, run.text).map((piece) => ({ text: shaperText({ text: piece.text, rtl: run.rtl }), font: piece.font })),
    );
  // Shaping a run whole is not cached by PDFKit (it caches word by word): widths are, per size.
  const widths = new Map<string, number>();
  const width = (piece: { text: string; font: number }) => {
    const key = `${size()}\0${piece.font}\0${piece.text}`;
    let value = widths.get(key);
    if (value === undefined) {
      value = doc.font(`f${piece.font}`).widthOfString(piece.text, { features: WHOLE_RUN });
      widths.set(key, value);
    }
    return value;
  };
  /** Lines are broken on the words' widths (each shaped alone) and the space's. */
  const wordWidths = new Map<string, number>();
  const wordWidth = (word: string) => {
    const key = `${size()}\0${word}`;
    let value = wordWidths.get(key);
    if (value === undefined) {
      value = pieces(word).reduce((total, piece) => total + width(piece), 0);
      wordWidths.set(key, value);
    }
    return value;
  };
  const measure = (line: string) => {
    const words = line.split(' ');
    return words.reduce((sum, word) => sum + wordWidth(word), 0) + width({ text: ' ', font: 0 }) * (words.length - 1);
  };
  const lineHeight = () => doc.font('f0').currentLineHeight(true);
  return {
    height: (text, box) => breakLines(text, box, measure).length * lineHeight(),
    draw: (text, x, y, box) => {
      const step = lineHeight();
      for (const line of breakLines(text, box, measure)) {
        const set = pieces(line).map((piece) => ({ ...piece, width: width(piece) }));
        let left = x + box - set.reduce((sum, piece) => sum + piece.width, 0);
        // Drawn in visual order, the line is read (searched, copied, spoken) as its logical text.
        doc.markContent('Span', { actual: line });
        for (const piece of set) {
          doc
            .font(`f${piece.font}`)
            .text(piece.text, left, y, { lineBreak: false, features: WHOLE_RUN, baseline: baseline(chain, size()) });
          left += piece.width;
        }
        doc.endMarkedContent();
        y += step;
      }
      doc.font('f0');
    },
  };
}

/**
 * The periodic report as a PDF, from the same data as the page (the periodicReport query), in any
 * working language: Chinese in Noto Sans SC, Arabic in Noto Sans Arabic and right to left
 * (paragraphs from the right margin, table columns from right to left, mixed Arabic, Latin and
 * digits in visual order), the others in the machine's font or Noto Sans SC; a title or a member
 * of another script in the font of the chain that has its glyphs. Its dates are the report's own
 * (CreationDate is the moment the figures describe), so the same period gives the same document.
 * Never throws for a font: without any, Helvetica (and English where it cannot write the language,
 * saying so).
 */
export async function periodicReportPdf(data: PeriodicReportData, requested: Language, options: PdfOptions = {}): Promise<Buffer> {
  const chain = fontChain(requested, { candidates: options.fonts, shipped: options.shipped });
  const choice = pdfLanguage(requested, options.fonts, options.shipped);
  const language = choice.language;
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
    lang: languageTag(language),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // PDFKit takes a parsed fontkit font as well as a file (PDFFontFactory.open), though its types say files only.
  chain.forEach((font, index) => doc.registerFont(`f${index}`, font as unknown as Buffer));
  doc.font(chain.length ? 'f0' : 'Helvetica');

  const rtl = chain.length > 0 && direction(language) === 'rtl';
  let currentSize = 10;
  const fontSize = (value: number) => {
    currentSize = value;
    doc.fontSize(value);
  };
  const setter = rtl ? rightToLeft(doc, chain, () => currentSize) : leftToRight(doc, chain, () => currentSize);
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const grey = '#4a4a4a';
  const ink = '#1b1b1b';

  /** A paragraph across the page, on the next page when it does not fit on this one. */
  const paragraph = (text: string, size = 10, color = ink) => {
    fontSize(size);
    doc.fillColor(color);
    const height = setter.height(text, full);
    if (doc.y + height > bottom()) doc.addPage();
    const y = doc.y;
    setter.draw(text, left, y, full);
    doc.x = left;
    doc.y = y + height;
  };
  const heading = (text: string) => {
    doc.moveDown(1);
    paragraph(text, 13);
    doc.moveDown(0.3);
  };

  /**
   * A table, its columns as wide as the given shares of the page, the first on the side the
   * language starts its lines on (the right in Arabic). The header row, if any, is grey.
   */
  const table = (header: string[] | null, rows: string[][], shares: number[]) => {
    const pad = 4;
    const widths = shares.map((share) => share * full);
    const xs = widths.map((width, i) => {
      const before = widths.slice(0, i).reduce((sum, w) => sum + w, 0);
      return rtl ? left + full - before - width : left + before;
    });
    const row = (cells: string[], color: string) => {
      fontSize(9);
      doc.fillColor(color);
      const height = Math.max(...cells.map((cell, i) => setter.height(cell, widths[i] - pad)));
      if (doc.y + height + pad > bottom()) doc.addPage();
      const y = doc.y;
      cells.forEach((cell, i) => setter.draw(cell, xs[i] + (rtl ? pad : 0), y, widths[i] - pad));
      doc
        .moveTo(left, y + height + pad / 2)
        .lineTo(left + full, y + height + pad / 2)
        .lineWidth(0.3)
        .strokeColor('#c8c8c8')
        .stroke();
      doc.x = left;
      doc.y = y + height + pad;
    };
    if (header) row(header, grey);
    for (const cells of rows) row(cells, ink);
  };

  const t = translator(language);
  const n = (value: number) => formatNumber(language, value);
  const day = (instant: string) => formatDay(language, toIsoDate(new Date(instant)));
  paragraph(reportTitle(t, language, r), 18);
  doc.moveDown(0.3);
  paragraph(`${formatDay(language, r.from)} – ${formatDay(language, r.to)} · ${t('reputation.pdf.asOf', { asOf: day(r.asOf) })}`, 9, grey);
  // In English, since the requested language is the one this document cannot write.
  if (choice.fellBack) paragraph(`This report is in English: no font here can write ${LANGUAGE_NAMES[requested]} (${requested}).`, 9, grey);

  heading(t('reputation.report.activity'));
  table(
    null,
    activityFigures(t, r).map((f) => [f.label, n(f.value)]),
    [0.6, 0.4],
  );

  heading(t('reputation.report.stages'));
  const stages = r.stages.filter((s) => s.ended > 0 || (s.overran ?? 0) > 0);
  if (!stages.length) paragraph(t('reputation.none'));
  else
    table(
      ['stage', 'ended', 'median', 'limit', 'overran'].map((column) => t(`reputation.col.${column}`)),
      stages.map((s) => [
        t(`stage.${s.stage}`),
        n(s.ended),
        daysText(t, s.medianDays),
        limitText(t, s),
        shareText(t, language, s.overran, s.counted),
      ]),
      [0.3, 0.14, 0.16, 0.2, 0.2],
    );

  heading(t('reputation.report.elections'));
  if (!r.elections.held) paragraph(t('reputation.report.noElections'));
  else {
    paragraph(
      t('reputation.report.electionsSummary', {
        held: r.elections.held,
        failed: r.elections.failed,
        turnout: turnoutText(language, r.elections.turnoutShare),
      }),
    );
    doc.moveDown(0.3);
    table(
      ['dispute', 'counted', 'status', 'electorate', 'turnout'].map((column) => t(`reputation.col.${column}`)),
      r.elections.elections.map((e) => [
        e.docketNumber,
        day(e.closedAt),
        t(`reputation.election.${e.status}`),
        n(e.electorateSize),
        n(e.turnout),
      ]),
      [0.16, 0.22, 0.22, 0.2, 0.2],
    );
  }

  heading(t('reputation.report.outstanding'));
  if (!r.outstandingCompliance.length) paragraph(t('reputation.none'));
  else
    table(
      ['dispute', 'respondents', 'adopted', 'stageAtEnd'].map((column) => t(`reputation.col.${column}`)),
      r.outstandingCompliance.map((o) => [
        `${o.docketNumber}\n${o.title}`,
        o.respondents.join(', '),
        day(o.adoptedAt),
        t(`stage.${o.stage}`),
      ]),
      [0.34, 0.22, 0.2, 0.24],
    );

  doc.moveDown(1.5);
  paragraph(t('reputation.pdf.source'), 8, grey);
  doc.end();
  return done;
}
