import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { main, parseArgs, USAGE, type TallyIo, type TallyOutput } from './tally';

const ROOT = resolve(__dirname, '..');

// 8 ballots, 2 seats (the Meek worked example of meek.spec.ts, with a withdrawn candidate and
// a Scottish count for the default rules): 4 A B | 1 B | 2 C | 1 D C, E withdrawn.
const BLT = [
  '5 2',
  '-5',
  '4 1 2 0',
  '1 2 0',
  '2 3 0',
  '1 4 3 0',
  '1 5 0',
  '0',
  '"Alice"',
  '"Bob"',
  '"Carol"',
  '"Dave"',
  '"Erin"',
  '"Dispute 9 panel"',
  '',
].join('\n');

function fakeIo(files: Record<string, string>): TallyIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    readFile: (path: string): string => {
      if (!(path in files)) {
        throw Object.assign(new Error(`ENOENT: no such file '${path}'`), { code: 'ENOENT' });
      }
      return files[path];
    },
    stdout: (text: string): void => {
      io.out += text;
    },
    stderr: (text: string): void => {
      io.err += text;
    },
  };
  return io;
}

describe('tally CLI (in process)', () => {
  it('prints the Scottish count by default, with names', () => {
    const io = fakeIo({ 'e.blt': BLT });
    expect(main(['e.blt'], io)).toBe(0);
    const output = JSON.parse(io.out) as TallyOutput;
    // Scottish: 8 valid ballots (Erin's paper is invalid: its only preference is withdrawn),
    // quota floor(8 / 3) + 1 = 3. Alice 4 elected; surplus 1 / 4 -> 0.25 x 4 papers to Bob
    // (2.00000); Dave (1) excluded -> Carol 3 elected.
    expect(output).toEqual({
      rules: 'scottish-stv',
      seats: 2,
      quota: '3.00000',
      elected: ['Alice', 'Carol'],
      stages: [
        {
          action: 'first',
          votes: { Alice: '4.00000', Bob: '1.00000', Carol: '2.00000', Dave: '1.00000' },
          elected: ['Alice'],
          excluded: [],
        },
        {
          action: 'surplus',
          votes: { Alice: '3.00000', Bob: '2.00000', Carol: '2.00000', Dave: '1.00000' },
          elected: [],
          excluded: [],
        },
        {
          action: 'exclusion',
          votes: { Alice: '3.00000', Bob: '2.00000', Carol: '3.00000', Dave: '0.00000' },
          elected: ['Carol'],
          excluded: ['Dave'],
        },
      ],
    });
    expect(io.err).toBe('');
  });

  it('reports usage errors with exit code 2', () => {
    const cases = [[], ['a.blt', 'b.blt'], ['a.blt', '--rules', 'borda'], ['a.blt', '--seed']];
    for (const argv of cases) {
      const io = fakeIo({});
      expect(main(argv, io)).toBe(2);
      expect(io.err).toMatch(/^tally: .+\n$/);
      expect(io.err).toContain(USAGE);
      expect(io.out).toBe('');
    }
    expect(parseArgs(['x.blt', '--rules=meek-stv', '--seed', 's 1'])).toEqual({
      file: 'x.blt',
      rules: 'meek-stv',
      seed: 's 1',
    });
  });

  it('reports unreadable files and invalid elections with exit code 1, on one line', () => {
    const io = fakeIo({ 'bad.blt': '2 1\n1 1 0\n0\n"A"\n"A"\n"T"\n' });
    expect(main(['missing.blt'], io)).toBe(1);
    expect(main(['bad.blt'], io)).toBe(1);
    expect(io.err.split('\n')).toEqual([
      expect.stringMatching(/^tally: cannot read missing\.blt: ENOENT/),
      'tally: bad.blt: line 5: duplicate candidate name "A"',
      '',
    ]);
  });
});

describe('tally CLI refuses an election that no count can decide', () => {
  // Each of these was counted before, printing a "result" (no one elected, or fewer than the seats).
  const cases: [string, string, string][] = [
    ['no ballots', '3 1\n0\n"A"\n"B"\n"C"\n"T"\n', 'no ballots: there is nothing to count'],
    ['more seats than candidates', '2 3\n1 1 2 0\n0\n"A"\n"B"\n"T"\n', '3 seats but 2 candidates standing: more seats than candidates'],
    [
      'more seats than candidates standing',
      '3 3\n-2\n1 1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n',
      '3 seats but 2 candidates standing (1 withdrawn): more seats than candidates',
    ],
    [
      'only withdrawn candidates',
      '2 1\n-1 -2\n1 1 2 0\n0\n"A"\n"B"\n"T"\n',
      'every candidate is withdrawn (2 candidates): there is no one to elect',
    ],
    [
      'no ballot for a candidate who stands',
      '3 2\n-3\n2 3 0\n0\n"A"\n"B"\n"C"\n"T"\n',
      'no ballot ranks a candidate who stands (1 ballot, none valid): there is nothing to count',
    ],
  ];

  it.each(cases)('%s: exit 1, one line on stderr, nothing on stdout', (_name, blt, problem) => {
    const io = fakeIo({ 'e.blt': blt });
    expect(main(['e.blt'], io)).toBe(1);
    expect(io.err).toBe(`tally: e.blt: ${problem}\n`);
    expect(io.out).toBe('');
  });

  it('still counts an election with as many seats as candidates standing', () => {
    const io = fakeIo({ 'e.blt': '3 2\n-3\n1 1 0\n1 3 0\n0\n"A"\n"B"\n"C"\n"T"\n' });
    expect(main(['e.blt'], io)).toBe(0);
    expect((JSON.parse(io.out) as TallyOutput).elected.sort()).toEqual(['A', 'B']);
    expect(io.err).toBe('');
  });
});

describe('tally CLI (spawned as npm run tally runs it)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // `npm run -s tally -- …` itself: the up-to-date check of dist/ (a build when it is stale), then
  // node on the compiled script (package.json).
  const run = (...args: string[]) =>
    spawnSync('npm', ['run', '-s', 'tally', '--', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('counts a BLT file with Meek and prints JSON', () => {
    const file = join(dir, 'panel.blt');
    writeFileSync(file, BLT);
    const child = run(file, '--rules', 'meek-stv', '--seed', 'close-2024');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const output = JSON.parse(child.stdout) as TallyOutput;
    // The figures of the hand-worked Meek example (meek.spec.ts), under the names.
    expect(output.rules).toBe('meek-stv');
    expect(output.quota).toBe('2.666666667');
    expect(output.elected).toEqual(['Alice', 'Carol']);
    expect(output.stages.map((s) => s.action)).toEqual(['iteration', 'exclusion', 'iteration']);
    expect(output.stages[1].votes).toEqual({
      Alice: '2.666666668',
      Bob: '2.333333332',
      Carol: '2.000000000',
      Dave: '1.000000000',
    });
    expect(output.stages[1].excluded).toEqual(['Dave']);
  }, 60_000);

  it('exits 1 with the line of a BLT error on stderr', () => {
    const file = join(dir, 'broken.blt');
    writeFileSync(file, '3 1\n1 1 2 0\n1 2 7 0\n0\n"A"\n"B"\n"C"\n"T"\n');
    const child = run(file);
    expect(child.status).toBe(1);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe(`tally: ${file}: line 3: candidate 7 is not between 1 and 3\n`);
  }, 60_000);

  it('exits 1 on an election with no ballots, with one line on stderr', () => {
    const file = join(dir, 'empty.blt');
    writeFileSync(file, '2 1\n0\n"A"\n"B"\n"T"\n');
    const child = run(file);
    expect(child.status).toBe(1);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe(`tally: ${file}: no ballots: there is nothing to count\n`);
  }, 60_000);
});
