// The BLT ballot format (ERS / OpenSTV / Droop):
//   <candidates> <seats>
//   [-w -w ...]                  optional: withdrawn candidates, as negative 1-based numbers
//   <weight> <pref> <pref> ... 0   one line per ballot (prefs are 1-based candidate numbers)
//   0                            end of ballots
//   "name"                       one quoted name per candidate, in number order
//   "title"
// Blank lines and lines starting with '#' are ignored. Candidates are identified by their names
// in the parsed election, so names must be unique. Equal rankings ('=') and ballot ids are not
// accepted: the count has no meaning for them.

export interface BltBallot {
  weight: number;
  ranking: string[];
}

export interface BltElection {
  title: string;
  candidates: string[];
  seats: number;
  withdrawn: string[];
  ballots: BltBallot[];
}

export class BltParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'BltParseError';
  }
}

export class BltExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BltExportError';
  }
}

interface Line {
  number: number;
  text: string;
}

const INTEGER = /^-?\d+$/;

function integers(line: Line, what: string): number[] {
  const tokens = line.text.split(/\s+/);
  return tokens.map((token) => {
    if (!INTEGER.test(token)) {
      throw new BltParseError(line.number, `${what}: "${token}" is not an integer`);
    }
    const value = Number(token);
    if (!Number.isSafeInteger(value)) {
      throw new BltParseError(line.number, `${what}: ${token} is too large`);
    }
    return value;
  });
}

function quotedStrings(line: Line): string[] {
  const found: string[] = [];
  const pattern = /\s*"([^"]*)"\s*/y;
  let at = 0;
  while (at < line.text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(line.text);
    if (!match) {
      throw new BltParseError(line.number, `expected a quoted name, found ${line.text.slice(at)}`);
    }
    found.push(match[1]);
    at = pattern.lastIndex;
  }
  return found;
}

export function parseBlt(text: string): BltElection {
  const lines: Line[] = text
    .split(/\r?\n/)
    .map((raw, i) => ({ number: i + 1, text: raw.trim() }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
  let next = 0;
  const endLine = text.split(/\r?\n/).length;
  const take = (expecting: string): Line => {
    const line = lines[next++];
    if (!line) throw new BltParseError(endLine, `unexpected end of file, expecting ${expecting}`);
    return line;
  };

  const header = take('the "<candidates> <seats>" line');
  const sizes = integers(header, 'header');
  if (sizes.length !== 2) {
    throw new BltParseError(header.number, 'header must be "<candidates> <seats>"');
  }
  const [nCandidates, seats] = sizes;
  if (nCandidates < 1) throw new BltParseError(header.number, 'there must be at least 1 candidate');
  if (seats < 1) throw new BltParseError(header.number, 'seats must be at least 1');
  const number = (line: Line, value: number): number => {
    if (value < 1 || value > nCandidates) {
      const problem = `candidate ${value} is not between 1 and ${nCandidates}`;
      throw new BltParseError(line.number, problem);
    }
    return value - 1;
  };

  const withdrawnIndexes: number[] = [];
  if (lines[next]?.text.startsWith('-')) {
    const line = take('withdrawn candidates');
    for (const value of integers(line, 'withdrawn line')) {
      if (value >= 0) throw new BltParseError(line.number, 'withdrawn candidates must be negative');
      const c = number(line, -value);
      if (withdrawnIndexes.includes(c)) {
        throw new BltParseError(line.number, `candidate ${-value} is withdrawn twice`);
      }
      withdrawnIndexes.push(c);
    }
  }

  const ballotIndexes: { weight: number; ranking: number[] }[] = [];
  for (;;) {
    const line = take('a ballot line or the "0" that ends the ballots');
    const values = integers(line, 'ballot');
    if (values.length === 1 && values[0] === 0) break;
    const [weight, ...prefs] = values;
    if (weight < 1) {
      throw new BltParseError(line.number, 'ballot weight must be a positive integer');
    }
    if (prefs.length === 0 || prefs[prefs.length - 1] !== 0) {
      throw new BltParseError(line.number, 'ballot line must end with 0');
    }
    const ranking = prefs.slice(0, -1).map((value) => {
      if (value === 0) throw new BltParseError(line.number, '0 before the end of the ballot');
      return number(line, value);
    });
    const repeated = ranking.find((c, i) => ranking.indexOf(c) !== i);
    if (repeated !== undefined) {
      throw new BltParseError(line.number, `candidate ${repeated + 1} is ranked more than once`);
    }
    ballotIndexes.push({ weight, ranking });
  }

  const strings: { value: string; line: number }[] = [];
  while (next < lines.length) {
    const line = lines[next++];
    for (const value of quotedStrings(line)) strings.push({ value, line: line.number });
  }
  if (strings.length < nCandidates + 1) {
    const expecting = strings.length < nCandidates ? `${nCandidates} candidate names` : 'a title';
    throw new BltParseError(endLine, `unexpected end of file, expecting ${expecting}`);
  }
  if (strings.length > nCandidates + 1) {
    throw new BltParseError(strings[nCandidates + 1].line, 'unexpected text after the title');
  }
  const candidates = strings.slice(0, nCandidates).map((s) => s.value);
  candidates.forEach((name, i) => {
    if (name === '') {
      throw new BltParseError(strings[i].line, `candidate ${i + 1} has an empty name`);
    }
    if (candidates.indexOf(name) !== i) {
      throw new BltParseError(strings[i].line, `duplicate candidate name "${name}"`);
    }
  });

  return {
    title: strings[nCandidates].value,
    candidates,
    seats,
    withdrawn: withdrawnIndexes.map((c) => candidates[c]),
    ballots: ballotIndexes.map((b) => ({
      weight: b.weight,
      ranking: b.ranking.map((c) => candidates[c]),
    })),
  };
}

export interface BltExportInput {
  title?: string;
  candidates: string[];
  seats: number;
  withdrawn?: string[];
  ballots: { weight?: number; ranking: string[] }[];
}

export function toBlt(election: BltExportInput): string {
  const { candidates } = election;
  const numberOf = new Map<string, number>();
  for (const name of [...candidates, election.title ?? '']) {
    // BLT has no escape for quotes or line breaks inside a quoted name.
    if (/["\r\n]/.test(name)) throw new BltExportError(`cannot write "${name}" in a BLT file`);
  }
  candidates.forEach((name, i) => {
    if (name === '') throw new BltExportError(`candidate ${i + 1} has an empty name`);
    if (numberOf.has(name)) throw new BltExportError(`duplicate candidate name "${name}"`);
    numberOf.set(name, i + 1);
  });
  const numberFor = (name: string): number => {
    const n = numberOf.get(name);
    if (n === undefined) throw new BltExportError(`"${name}" is not a candidate`);
    return n;
  };
  if (!Number.isInteger(election.seats) || election.seats < 1) {
    throw new BltExportError('seats must be a positive integer');
  }

  const out = [`${candidates.length} ${election.seats}`];
  const withdrawn = election.withdrawn ?? [];
  if (withdrawn.length > 0) out.push(withdrawn.map((name) => `-${numberFor(name)}`).join(' '));
  for (const ballot of election.ballots) {
    const weight = ballot.weight ?? 1;
    if (!Number.isSafeInteger(weight) || weight < 1) {
      throw new BltExportError('ballot weight must be a positive integer');
    }
    out.push([weight, ...ballot.ranking.map(numberFor), 0].join(' '));
  }
  out.push('0');
  for (const name of candidates) out.push(`"${name}"`);
  out.push(`"${election.title ?? ''}"`);
  return `${out.join('\n')}\n`;
}
