import fc from 'fast-check';

import { BltExportError, BltParseError, parseBlt, toBlt, type BltElection } from './blt';

const SAMPLE = [
  '# a panel election',
  '4 2',
  '-4',
  '3 1 2 0',
  '',
  '1 3 0',
  '2 0',
  '0',
  '"Ana Silva"',
  '"Bo"',
  '"Cy"',
  '"Dee"',
  '"Panel for dispute 12"',
].join('\n');

describe('parseBlt', () => {
  it('reads candidates, seats, withdrawn candidates, ballots and title', () => {
    expect(parseBlt(SAMPLE)).toEqual({
      title: 'Panel for dispute 12',
      candidates: ['Ana Silva', 'Bo', 'Cy', 'Dee'],
      seats: 2,
      withdrawn: ['Dee'],
      ballots: [
        { weight: 3, ranking: ['Ana Silva', 'Bo'] },
        { weight: 1, ranking: ['Cy'] },
        { weight: 2, ranking: [] },
      ],
    });
  });

  const broken: [string, string, number, RegExp][] = [
    ['a bad header', '4\n0\n', 1, /header must be/],
    ['a non-integer token', '2 1\n1 x 0\n0\n"A"\n"B"\n"T"', 2, /"x" is not an integer/],
    ['a candidate out of range', '2 1\n1 1 0\n1 3 0\n0\n"A"\n"B"\n"T"', 3, /candidate 3 is not/],
    ['a ballot not ending in 0', '2 1\n\n1 1 2\n0\n"A"\n"B"\n"T"', 3, /must end with 0/],
    ['a repeated preference', '2 1\n1 2 2 0\n0\n"A"\n"B"\n"T"', 2, /ranked more than once/],
    ['a zero weight', '2 1\n0 1 0\n0\n"A"\n"B"\n"T"', 2, /weight must be a positive/],
    ['a positive withdrawn number', '2 1\n-1 2\n0\n"A"\n"B"\n"T"', 2, /must be negative/],
    ['a missing end of ballots', '2 1\n1 1 0\n', 3, /end of file.*"0"/],
    ['missing names', '2 1\n1 1 0\n0\n"A"\n', 5, /expecting 2 candidate names/],
    ['a missing title', '2 1\n1 1 0\n0\n"A"\n"B"', 5, /expecting a title/],
    ['an unquoted name', '2 1\n1 1 0\n0\n"A"\nB\n"T"', 5, /expected a quoted name/],
    ['duplicate names', '2 1\n1 1 0\n0\n"A"\n"A"\n"T"', 5, /duplicate candidate name "A"/],
    ['text after the title', '2 1\n0\n"A"\n"B"\n"T"\n"extra"', 6, /after the title/],
  ];

  it.each(broken)('rejects %s, naming the line', (_, text, line, problem) => {
    let caught: unknown;
    try {
      parseBlt(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BltParseError);
    const error = caught as BltParseError;
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    expect(error.message).toMatch(problem);
  });
});

describe('toBlt', () => {
  it('writes the BLT layout', () => {
    const text = toBlt({
      title: 'T',
      candidates: ['A', 'B'],
      seats: 1,
      withdrawn: ['B'],
      ballots: [{ ranking: ['B', 'A'] }, { weight: 4, ranking: [] }],
    });
    expect(text).toBe('2 1\n-2\n1 2 1 0\n4 0\n0\n"A"\n"B"\n"T"\n');
  });

  it('refuses what BLT cannot represent', () => {
    const base = { candidates: ['A'], seats: 1, ballots: [] };
    expect(() => toBlt({ ...base, candidates: ['say "hi"'] })).toThrow(BltExportError);
    expect(() => toBlt({ ...base, ballots: [{ ranking: ['Z'] }] })).toThrow(/"Z" is not a/);
    expect(() => toBlt({ ...base, candidates: ['A', 'A'] })).toThrow(/duplicate/);
  });

  it('round-trips: parseBlt(toBlt(x)) equals x', () => {
    const name = fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/["\r\n]/.test(s));
    const electionArb: fc.Arbitrary<BltElection> = fc.uniqueArray(name, { minLength: 1, maxLength: 7 }).chain((candidates) =>
      fc.record({
        title: fc.string({ maxLength: 20 }).filter((s) => !/["\r\n]/.test(s)),
        candidates: fc.constant(candidates),
        seats: fc.integer({ min: 1, max: 5 }),
        withdrawn: fc.shuffledSubarray(candidates),
        ballots: fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 1000 }),
            ranking: fc.shuffledSubarray(candidates),
          }),
          { maxLength: 15 },
        ),
      }),
    );
    fc.assert(
      fc.property(electionArb, (election) => {
        expect(parseBlt(toBlt(election))).toEqual(election);
      }),
      { numRuns: 200 },
    );
  });
});
