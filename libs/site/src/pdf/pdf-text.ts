import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by PDFKit draws, read back for the tests: the `Tf` and `TJ` of its content
 * streams, the glyph ids of the fonts (Identity-H) mapped through each font's ToUnicode map, one
 * entry per marked span (`/Span <</ActualText …>> BDC … EMC`, the logical text of a line set in
 * visual order) or else per text object (`BT … ET`). Glyphs come out in the order drawn, left to
 * right. Only what PDFKit writes is understood: no general PDF parser.
 */
export interface DrawnText {
  /** The embedded fonts' names without their subset tag (`NotoSansArabic-Regular`), or standard fonts'. */
  fonts: string[];
  /** The characters of each glyph, in the order drawn (a ligature's glyph has several, a mark's may have none). */
  glyphs: string[];
  /** Where its first glyph is drawn, from the page's left edge. */
  x: number;
  /** And from the page's bottom edge (PDF's own coordinates: the lower, the smaller). */
  y: number;
  /** The heights its pieces (text objects) start at, each once: one for a line whose fonts share its baseline. */
  baselines: number[];
  /** The span's ActualText, when it has one. */
  actual?: string;
  /**
   * The glyphs drawn as .notdef (the empty box of a character the font has no glyph for): id 0,
   * which a subset PDFKit embeds keeps as its first glyph.
   */
  notdef: number;
}

export function drawnTexts(pdf: Buffer): DrawnText[] {
  const source = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const pattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const body = match[2];
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = match.index + match[0].indexOf(body) + streamAt + 'stream'.length + 1; // after "stream\n"
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    const raw = pdf.subarray(start, start + length);
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? -1);

  /** Resource name (F1) to font: its name and its glyph id to characters. */
  const fonts = new Map<string, { font: string; unicode: Map<number, string> | null }>();
  for (const { dict } of objects.values()) {
    const font = /\/Font\s*<<([^>]*)>>/.exec(dict);
    if (!font) continue;
    for (const entry of font[1].matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fontDict = objects.get(Number(entry[2]))?.dict ?? '';
      const name = (/\/BaseFont \/([\w+-]+)/.exec(fontDict)?.[1] ?? '').replace(/^[A-Z]{6}\+/, '');
      // A standard font (Helvetica) has no map: one byte a character, WinAnsi, Latin-1 for what the tests read.
      const unicode = fontDict.includes('/ToUnicode') ? new Map<number, string>() : null;
      const cmap = objects.get(ref(fontDict, 'ToUnicode'))?.stream?.toString('latin1') ?? '';
      for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
        let gid = parseInt(range[1], 16);
        for (const target of range[2].matchAll(/<([0-9a-f ]*)>/gi))
          unicode?.set(
            gid++,
            String.fromCharCode(
              ...target[1]
                .split(' ')
                .filter(Boolean)
                .map((unit) => parseInt(unit, 16)),
            ),
          );
      }
      fonts.set(entry[1], { font: name, unicode });
    }
  }

  const texts: DrawnText[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/(Length1|Subtype|Type)/.test(dict)) continue; // page contents only
    let font: { font: string; unicode: Map<number, string> | null } = { font: '', unicode: null };
    let open: DrawnText | null = null;
    let inSpan = false;
    let pieceStart = false;
    const content = stream.toString('latin1');
    const ops =
      /\/Span <<\s*\/ActualText \(((?:\\[\s\S]|[^\\)])*)\)\s*>> BDC|\bEMC\b|\bBT\b|\bET\b|\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ|1 0 0 1 ([\d.-]+) ([\d.-]+) Tm/g;
    for (const op of content.matchAll(ops)) {
      if (op[0].endsWith('BDC')) {
        inSpan = true;
        open = { fonts: [], glyphs: [], x: NaN, y: NaN, baselines: [], actual: pdfString(op[1]), notdef: 0 };
      } else if (op[0] === 'EMC' || (op[0] === 'ET' && !inSpan)) {
        if (open?.glyphs.length) texts.push(open);
        open = null;
        if (op[0] === 'EMC') inSpan = false;
      } else if (op[0] === 'BT') {
        open ??= { fonts: [], glyphs: [], x: NaN, y: NaN, baselines: [], notdef: 0 };
        pieceStart = true;
      } else if (op[4] !== undefined && open) {
        if (Number.isNaN(open.x)) {
          open.x = Number(op[4]);
          open.y = Number(op[5]);
        }
        // A text object's first position is its piece's baseline; the ones after move marks (Arabic dots) up or down.
        if (pieceStart && !open.baselines.includes(Number(op[5]))) open.baselines.push(Number(op[5]));
        pieceStart = false;
      } else if (op[2]) font = fonts.get(op[2]) ?? { font: op[2], unicode: null };
      else if (op[3] !== undefined && open) {
        if (!open.fonts.includes(font.font)) open.fonts.push(font.font);
        const { unicode } = font;
        const width = unicode ? 4 : 2;
        for (const hex of op[3].matchAll(/<([0-9a-f]+)>/gi))
          for (let i = 0; i < hex[1].length; i += width) {
            const code = parseInt(hex[1].slice(i, i + width), 16);
            if (unicode && code === 0) open.notdef++;
            open.glyphs.push(unicode ? (unicode.get(code) ?? '?') : String.fromCharCode(code));
          }
      }
    }
  }
  return texts;
}

/** A PDF literal string as PDFKit writes one: escaped, in UTF-16BE after a byte order mark when not ASCII. */
function pdfString(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = literal.replace(/\\(.)/gs, (_, char: string) => escapes[char] ?? char);
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  const units: number[] = [];
  for (let i = 2; i + 1 < bytes.length; i += 2) units.push((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return String.fromCharCode(...units);
}
