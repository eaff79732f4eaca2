import bidiFactory from 'bidi-js';

/**
 * Lines of mixed-direction text in visual order, for a writer that draws runs left to right
 * (PDFKit). Pure: the Unicode bidirectional algorithm (UAX #9) from bidi-js, nothing else.
 */
const bidi = bidiFactory();

/** One run of a line: the characters of one embedding level, in visual order, left to right. */
export interface VisualRun {
  /** The run's characters in their visual order, left to right (right-to-left mirrored glyphs swapped). */
  text: string;
  /** Right to left: an odd embedding level. */
  rtl: boolean;
}

/**
 * The controls that only steer the algorithm (LRM, RLM, ALM, embeddings, overrides, isolates):
 * resolved, they are left out of what is drawn, since fonts give them no glyph. Intl's Arabic
 * percent (`75‎%‎`) carries two of them.
 */
const CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The runs of one line (no line break inside) in visual order, left to right: its embedding levels
 * resolved in a paragraph of the given direction (rules X1–I2), the runs reversed from the highest
 * level to the lowest odd one (L2), and the mirrored characters of right-to-left runs swapped (L4:
 * an opening parenthesis in Arabic text is drawn as a closing one).
 */
export function visualRuns(line: string, base: 'ltr' | 'rtl'): VisualRun[] {
  if (!line) return [];
  const embedding = bidi.getEmbeddingLevels(line, base);
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);
  const order = bidi.getReorderedIndices(line, embedding);
  const runs: VisualRun[] = [];
  let current: { chars: string[]; level: number } | null = null;
  for (const index of order) {
    const level = embedding.levels[index];
    const char = mirrored.get(index) ?? line[index];
    if (current && current.level === level) current.chars.push(char);
    else {
      runs.push(...flush(current));
      current = { chars: [char], level };
    }
  }
  runs.push(...flush(current));
  return runs;
}

function flush(run: { chars: string[]; level: number } | null): VisualRun[] {
  if (!run) return [];
  const text = run.chars.join('').replace(CONTROLS, '');
  return text ? [{ text, rtl: run.level % 2 === 1 }] : [];
}

/** Scripts written right to left, as a shaping engine (fontkit, HarfBuzz) takes a run's direction from its script. */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

/** Whether the text has a character of a right-to-left script (then only is it worth reordering). */
export function hasRightToLeft(text: string): boolean {
  return RTL_SCRIPT.test(text);
}

/**
 * The text to hand a shaper that, like fontkit, lays a run out right to left when its first
 * character of a script (not a digit, space or punctuation) belongs to a right-to-left script, and
 * then reverses its glyphs itself. Shaping (Arabic joining forms) needs the characters in logical
 * order, so a run the shaper will reverse is given back in logical order; any other keeps the
 * visual order of `visualRuns`.
 */
export function shaperText(run: VisualRun): string {
  const scripted = SCRIPTED.exec(run.text);
  const shaperReverses = !!scripted && RTL_SCRIPT.test(scripted[0]);
  return shaperReverses ? [...run.text].reverse().join('') : run.text;
}

/**
 * Greedy line breaking at spaces: the longest prefix of words whose width fits, a word wider than
 * the line alone on its own. Widths come from the caller (the font's), measured on logical text.
 */
export function breakLines(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/u).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && measure(candidate) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}
