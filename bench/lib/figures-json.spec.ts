import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FigureList, figuresJson, writeFiguresJson } from './figures-json';

describe('the JSON figures of npm run bench -- --json FILE', () => {
  it('writes every figure with its target and whether it was met, in either direction', () => {
    const figures = new FigureList();
    figures.add('docket list: API / raw', 0.62, 'ratio', { min: 0.6 });
    figures.add('docket list: API p99 at a third of the raw maximum', 71.5, 'ms', { max: 50 });
    figures.add('statistics median, 10000 disputes', 20, 'ms', { max: 20 });
    figures.add('public docket list: API / raw', 1.49, 'ratio', { min: 1.5 });
    figures.add('docket list: raw', 1234.5, 'requests/s');
    expect(figures.list()).toEqual([
      { name: 'docket list: API / raw', value: 0.62, unit: 'ratio', target: 0.6, met: true },
      { name: 'docket list: API p99 at a third of the raw maximum', value: 71.5, unit: 'ms', target: 50, met: false },
      { name: 'statistics median, 10000 disputes', value: 20, unit: 'ms', target: 20, met: true },
      { name: 'public docket list: API / raw', value: 1.49, unit: 'ratio', target: 1.5, met: false },
      { name: 'docket list: raw', value: 1234.5, unit: 'requests/s', target: null, met: null },
    ]);
  });

  it('writes a figure that was not measured as null, neither met nor missed', () => {
    const figures = new FigureList();
    figures.add('sweep, 100000 disputes', undefined, 'ms', { max: 60_000 });
    figures.add('stale answers', NaN, 'answers', { max: 0 });
    figures.add('start-up, loaded database', null, 's');
    expect(figures.list().map((f) => [f.value, f.target, f.met])).toEqual([
      [null, 60_000, null],
      [null, 0, null],
      [null, null, null],
    ]);
  });

  it('refuses a name given twice: a script compares runs by name', () => {
    const figures = new FigureList();
    figures.add('docket list: API', 100, 'requests/s');
    expect(() => figures.add('docket list: API', 101, 'requests/s')).toThrow(/already/);
  });

  it('writes a JSON array, one figure a line, that reads back as it was', () => {
    const figures = new FigureList();
    figures.add('a', 1, 'ms', { max: 2 });
    figures.add('b "quoted"', 2.5, 'requests/s');
    const text = figuresJson(figures.list());
    expect(text.split('\n')).toHaveLength(figures.list().length + 3);
    const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
    try {
      const path = join(dir, 'nested', 'b.json');
      writeFiguresJson(path, figures.list());
      expect(readFileSync(path, 'utf8')).toBe(text);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(figures.list());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
