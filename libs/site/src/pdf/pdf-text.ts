import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by PDFKit draws, read back for the tests: each `Tf` and `TJ` of its content
 * streams, the glyph ids of the fonts (Identity-H) mapped through each font's ToUnicode map. A
 * run's glyphs come out in the order they are drawn, left to right. Only what PDFKit writes is
 * understood: no general PDF parser.
 */
export interface DrawnRun {
  /** The embedded font's name without its subset tag (`NotoSansArabic-Regular`), or a standard font's. */
  font: string;
  /** The characters of each glyph, in the order drawn (a ligature's glyph has several). */
  glyphs: string[];
}

export function drawnRuns(pdf: Buffer): DrawnRun[] {
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
  const fonts = new Map<string, { font: string; unicode: Map<number, string> }>();
  for (const { dict } of objects.values()) {
    const font = /\/Font\s*<<([^>]*)>>/.exec(dict);
    if (!font) continue;
    for (const entry of font[1].matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fontDict = objects.get(Number(entry[2]))?.dict ?? '';
      const name = (/\/BaseFont \/([\w+-]+)/.exec(fontDict)?.[1] ?? '').replace(/^[A-Z]{6}\+/, '');
      const unicode = new Map<number, string>();
      const cmap = objects.get(ref(fontDict, 'ToUnicode'))?.stream?.toString('latin1') ?? '';
      for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
        let gid = parseInt(range[1], 16);
        for (const target of range[2].matchAll(/<([0-9a-f ]*)>/gi))
          unicode.set(
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

  const runs: DrawnRun[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/(Length1|Subtype|Type)/.test(dict)) continue; // page contents only
    let current = { font: '', unicode: new Map<number, string>() };
    const content = stream.toString('latin1');
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) current = fonts.get(op[1]) ?? { font: op[1], unicode: new Map() };
      else {
        const glyphs: string[] = [];
        for (const hex of op[2].matchAll(/<([0-9a-f]+)>/gi))
          for (let i = 0; i < hex[1].length; i += 4) glyphs.push(current.unicode.get(parseInt(hex[1].slice(i, i + 4), 16)) ?? '?');
        runs.push({ font: current.font, glyphs });
      }
    }
  }
  return runs;
}
