// Counts a BLT ballot file and prints the result as JSON.
//   npm run tally -- <file.blt> [--rules scottish-stv|meek-stv] [--seed <text>]
// (node dist/scripts/tally.js …, after scripts/build.js has brought dist/ up to date: the build
// rewrites the @app/stv import to a relative path, so node alone runs it, without ts-node's start).
// Exit codes: 0 counted, 1 unreadable/malformed file or invalid election, 2 usage error. An
// election that no count can decide is invalid: no ballots, or none that ranks a candidate who
// stands, every candidate withdrawn, more seats than candidates standing.
import { readFileSync } from 'node:fs';

import {
  BltParseError,
  CountInputError,
  count,
  parseBlt,
  type BltElection,
  type CountResult,
  type CountingRules,
  type StageAction,
} from '@app/stv';

export const USAGE = 'usage: tally <file.blt> [--rules scottish-stv|meek-stv] [--seed <text>]';

export interface TallyOptions {
  file: string;
  rules: CountingRules;
  seed: string;
}

export interface TallyStage {
  action: StageAction;
  votes: Record<string, string>;
  elected: string[];
  excluded: string[];
}

export interface TallyOutput {
  rules: CountingRules;
  seats: number;
  quota: string;
  elected: string[];
  stages: TallyStage[];
}

export interface TallyIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[]): TallyOptions {
  let file: string | undefined;
  let rules: CountingRules = 'scottish-stv';
  let seed = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? splitFlag(arg) : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--rules') {
      const chosen = value();
      if (chosen !== 'scottish-stv' && chosen !== 'meek-stv') {
        throw new UsageError(`unknown rules "${chosen}"`);
      }
      rules = chosen;
    } else if (flag === '--seed') {
      seed = value();
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  if (file === undefined) throw new UsageError('missing ballot file');
  return { file, rules, seed };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

// In a BLT file candidates are known by their names, which serve as the candidate ids of the
// count, so the result already speaks in names.
export function toTallyOutput(result: CountResult): TallyOutput {
  return {
    rules: result.rules,
    seats: result.seats,
    quota: result.quota,
    elected: result.elected,
    stages: result.stages.map((stage) => ({
      action: stage.action,
      votes: stage.votes,
      elected: stage.elected,
      excluded: stage.excluded,
    })),
  };
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why a count of this election would decide nothing, or null. The count itself accepts these (it
 * elects fewer than the seats, or no one); a person checking a published result with this tool
 * is told instead that the file cannot be the record of a real election.
 */
export function refusal(election: BltElection): string | null {
  const withdrawn = new Set(election.withdrawn);
  const standing = election.candidates.filter((candidate) => !withdrawn.has(candidate));
  if (standing.length === 0) {
    return `every candidate is withdrawn (${plural(election.candidates.length, 'candidate')}): there is no one to elect`;
  }
  if (election.seats > standing.length) {
    const also = withdrawn.size > 0 ? ` (${withdrawn.size} withdrawn)` : '';
    return `${plural(election.seats, 'seat')} but ${plural(standing.length, 'candidate')} standing${also}: more seats than candidates`;
  }
  if (election.ballots.length === 0) return 'no ballots: there is nothing to count';
  if (!election.ballots.some((ballot) => ballot.weight > 0 && ballot.ranking.some((candidate) => !withdrawn.has(candidate)))) {
    return `no ballot ranks a candidate who stands (${plural(election.ballots.length, 'ballot')}, none valid): there is nothing to count`;
  }
  return null;
}

export function main(argv: readonly string[], io: TallyIo): number {
  let options: TallyOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`tally: ${error.message} (${USAGE})\n`);
    return 2;
  }
  try {
    const election = parseBlt(io.readFile(options.file));
    const refused = refusal(election);
    if (refused !== null) {
      io.stderr(`tally: ${options.file}: ${refused}\n`);
      return 1;
    }
    const result = count({
      candidates: election.candidates,
      seats: election.seats,
      withdrawn: election.withdrawn,
      ballots: election.ballots,
      seed: options.seed,
      rules: options.rules,
    });
    io.stdout(`${JSON.stringify(toTallyOutput(result), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof BltParseError || error instanceof CountInputError) {
      io.stderr(`tally: ${options.file}: ${oneLine(error.message)}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && error instanceof Error) {
      io.stderr(`tally: cannot read ${options.file}: ${oneLine(error.message)}\n`);
      return 1;
    }
    throw error;
  }
}

const processIo: TallyIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), processIo);
}
