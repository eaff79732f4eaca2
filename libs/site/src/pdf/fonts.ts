import { type Language } from '@app/i18n';
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';

/**
 * The fonts of the PDF. Two are shipped with the application, as npm packages (SIL Open Font
 * License 1.1, which allows embedding them in documents): Noto Sans SC, which has the Chinese
 * characters and also Latin, Greek and Cyrillic, and Noto Sans Arabic, which has the Arabic letters
 * with their joining forms, and Latin letters and digits. A document embeds only the glyphs it
 * uses (PDFKit subsets them). Nothing is fetched from a CDN.
 */
export const SHIPPED_FONTS = {
  sc: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
} as const;

/**
 * Fonts of the machine preferred for the Latin and Cyrillic languages, the first one present wins:
 * DejaVu Sans (Debian, Ubuntu, Alpine's font-dejavu), Noto Sans, Liberation Sans. A machine without
 * any writes them in the shipped Noto Sans SC.
 */
export const FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];

export interface FontSources {
  /** The machine's fonts to try for en, fr, es and ru (tests pass none to play a machine without fonts). */
  candidates?: readonly string[];
  /** Where the shipped fonts are (module ids or paths; tests point them nowhere to play a broken install). */
  shipped?: { sc: string; arabic: string };
}

export type Font = fontkit.Font;

/**
 * Each font file parsed once per process (a parse costs tens of milliseconds for the 10 MB of
 * Noto Sans SC, a rendering a few): PDFKit takes the parsed font and makes each document's subset
 * from it. A file that is missing or no font is remembered as such.
 */
const parsed = new Map<string, Font | null>();

export function loadFont(source: string): Font | null {
  if (!parsed.has(source)) {
    let font: Font | null;
    try {
      font = fontkit.create(readFileSync(source.startsWith('/') ? source : require.resolve(source)));
      if (typeof font?.hasGlyphForCodePoint !== 'function') font = null; // a collection, not one font
    } catch {
      font = null;
    }
    parsed.set(source, font);
  }
  return parsed.get(source) ?? null;
}

/**
 * The shipped Arabic font, once read: an Arabic letter is set in it wherever it stands in the chain,
 * ahead of a first font that has Arabic glyphs too (DejaVu Sans has), so that a name filed in
 * Arabic looks the same in every report as in the Arabic one.
 */
const arabicFonts = new WeakSet<Font>();
const ARABIC = /\p{Script=Arabic}/u;

/**
 * The fonts a language is written in, the first for its text and the others, in order, for a
 * character the first has no glyph for: titles, members and respondents are filed in any of the
 * six languages, so every chain covers the six scripts (Latin and Cyrillic in the first font or
 * Noto Sans SC, Chinese in Noto Sans SC, Arabic in Noto Sans Arabic). An English title in an
 * Arabic report has its glyphs in Noto Sans Arabic, a Russian one in Noto Sans SC. Empty when none
 * can be read.
 */
export function fontChain(language: Language, sources: FontSources = {}): Font[] {
  const shipped = sources.shipped ?? SHIPPED_FONTS;
  const sc = loadFont(shipped.sc);
  const arabic = loadFont(shipped.arabic);
  if (arabic) arabicFonts.add(arabic);
  const chain: (Font | null)[] =
    language === 'zh'
      ? [sc, arabic]
      : language === 'ar'
        ? [arabic, sc]
        : [(sources.candidates ?? FONT_CANDIDATES).map(loadFont).find((font) => font) ?? null, sc, arabic];
  return chain.filter((font, index): font is Font => font !== null && chain.indexOf(font) === index);
}

/**
 * The first font of the chain with a glyph for the character (an Arabic letter: the chain's Arabic
 * font first); the first of all for spaces and anything none has.
 */
export function fontFor(chain: readonly Font[], codePoint: number): number {
  if (ARABIC.test(String.fromCodePoint(codePoint))) {
    const index = chain.findIndex((font) => arabicFonts.has(font) && font.hasGlyphForCodePoint(codePoint));
    if (index >= 0) return index;
  }
  const index = chain.findIndex((font) => font.hasGlyphForCodePoint(codePoint));
  return index < 0 ? 0 : index;
}

/** A piece of text set in one font of the chain (its index). */
export interface FontRun {
  text: string;
  font: number;
}

/**
 * The text cut where the font that has the glyphs changes; a space stays in the font of the
 * character before it (so that words of one script keep their spacing).
 */
export function fontRuns(chain: readonly Font[], text: string): FontRun[] {
  const runs: FontRun[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const font = /\s/u.test(char) && last ? last.font : fontFor(chain, char.codePointAt(0) ?? 0);
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}
