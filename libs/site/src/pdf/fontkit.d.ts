/**
 * The part of fontkit (a dependency of PDFKit, which lays text out with it) that the PDF uses: a
 * font parsed once per process, handed to PDFKit for each document, and asked which characters it
 * has a glyph for, and its ascent (to set runs of several fonts on one baseline). fontkit ships no types.
 */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    /** Above the baseline, in font units. */
    ascent: number;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array): Font;
}
