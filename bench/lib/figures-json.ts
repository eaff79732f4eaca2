import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One figure of a run as `npm run bench -- --json FILE` writes it, so that a script can compare
 * two runs: its name (stable from run to run), value, unit, and, where the issue sets one, the
 * target and whether it was met (both null where a figure has no target, or was not measured).
 */
export interface JsonFigure {
  name: string;
  value: number | null;
  unit: string;
  target: number | null;
  met: boolean | null;
}

/** A target: the value must be at most (`max`) or at least (`min`) this. */
export type Target = { max: number } | { min: number };

/** Collects the figures of a run in the order they are added; a name may be used once. */
export class FigureList {
  private readonly figures: JsonFigure[] = [];
  private readonly names = new Set<string>();

  /**
   * Adds a figure. A value that is not a finite number (a figure not measured, NaN) is written as
   * null, and so is its `met`: a missing figure neither meets nor misses its target.
   */
  add(name: string, value: number | null | undefined, unit: string, target?: Target): void {
    if (this.names.has(name)) throw new Error(`the figure "${name}" is already in the list`);
    this.names.add(name);
    const measured = typeof value === 'number' && Number.isFinite(value) ? value : null;
    const limit = target ? ('max' in target ? target.max : target.min) : null;
    const met = target && measured !== null ? ('max' in target ? measured <= target.max : measured >= target.min) : null;
    this.figures.push({ name, value: measured, unit, target: limit, met });
  }

  list(): readonly JsonFigure[] {
    return this.figures;
  }
}

/** The JSON text of the figures: an array, one figure per line, so that two runs diff line by line. */
export function figuresJson(figures: readonly JsonFigure[]): string {
  return `[\n${figures.map((f) => `  ${JSON.stringify(f)}`).join(',\n')}\n]\n`;
}

/** Writes the figures to `path` (its folder made if need be). */
export function writeFiguresJson(path: string, figures: readonly JsonFigure[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, figuresJson(figures));
}
