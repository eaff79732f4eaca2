import { countMeek } from './meek';
import { prepare } from './prepare';
import { countScottish } from './scottish';
import { CountInputError, type CountInput, type CountResult } from './types';

// The count: a pure, deterministic function of (candidates, seats, ballots, seed, withdrawn,
// rules). It reads no clock, no randomness and no environment; lots come from the seed only.
export function count(input: CountInput): CountResult {
  const rules: string = input.rules;
  if (rules !== 'scottish-stv' && rules !== 'meek-stv') {
    throw new CountInputError(`unknown counting rules "${rules}"`);
  }
  const prepared = prepare(input);
  return rules === 'scottish-stv' ? countScottish(prepared, input.seed) : countMeek(prepared, input.seed);
}
