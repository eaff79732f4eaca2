import { parse } from 'graphql';
import { DEFAULT_REQUEST_LIMITS, checkRequestLimits, countSelections, countTokens, requestLimitsChecker } from './request-limits';

const limits = {
  ...DEFAULT_REQUEST_LIMITS,
  maxQueryLength: 200,
  maxTokens: 20,
  maxSelections: 10,
  maxVariableValues: 5,
  maxVariablesDepth: 3,
};
const once = (query: unknown, variables?: unknown) => checkRequestLimits(query, variables, limits)?.limitCode ?? null;
// The server's checker remembers the texts that passed: each case is asked twice, the second
// answer from what it remembered, and both must be the plain check's.
const checker = requestLimitsChecker(limits);
const twice = (query: unknown, variables?: unknown) => {
  const [first, second] = [checker(query, variables), checker(query, variables)].map((r) => r?.limitCode ?? null);
  expect(second).toBe(first);
  return first;
};

describe.each([
  ['checkRequestLimits', once],
  ['requestLimitsChecker', twice],
])('request limits (%s)', (_name, code) => {
  it('counts tokens without comments, and stops counting at the bound', () => {
    expect(countTokens('{ a b(x: 1) } # c d e', 100)).toBe(9);
    expect(countTokens('{ a a a a a a a a }', 3)).toBe(3);
  });

  it('counts every selection, each fragment each time it is spread, once per definition, cycles as nothing', () => {
    expect(countSelections(parse('{ a { b c } ... on Q { d } }'), 100)).toBe(5);
    // F2 = 2 × (1 + F1), F1 = 3 × (1 + F0), F0 = 1: 1 + 14 for the operation, + 14 + 6 + 1 for the fragments.
    const spread = '{ ...F2 } fragment F2 on Q { ...F1 ...F1 } fragment F1 on Q { ...F0 ...F0 ...F0 } fragment F0 on Q { a }';
    expect(countSelections(parse(spread), 1_000)).toBe(15 + 14 + 6 + 1);
    expect(countSelections(parse('{ ...A } fragment A on Q { a ...B } fragment B on Q { b ...A }'), 100)).toBeLessThan(100);
    expect(countSelections(parse(spread), 7)).toBe(7);
  });

  it('refuses at each bound, and lets a syntax error through to GraphQL', () => {
    expect(code('{ a }')).toBeNull();
    expect(code(`{ ${'a'.repeat(201)} }`)).toBe('QUERY_TOO_LONG');
    // `{ a(x: [`, the values, `]) }`: 9 tokens and one selection besides the values.
    expect(code(`{ a(x: [${' 1'.repeat(12)}]) }`)).toBe('TOO_MANY_TOKENS');
    expect(code(`{ a(x: [${' 1'.repeat(11)}]) }`)).toBeNull();
    expect(code('{ a b c d e f g h i j k }')).toBe('TOO_MANY_SELECTIONS');
    expect(code('{ a { b c d e f g h i j } }')).toBeNull();
    expect(code('{ a "unterminated }')).toBeNull();
    expect(code(undefined)).toBeNull();
  });

  it('counts every variable value, used or not, and their nesting, without recursion', () => {
    expect(code('{ a }', { a: 1, b: [1, 2], c: null })).toBeNull();
    expect(code('{ a }', { a: 1, b: [1, 2, 3], c: null })).toBe('TOO_MANY_VARIABLE_VALUES');
    expect(code('{ a }', { a: { b: { c: 1 } } })).toBeNull();
    expect(code('{ a }', { a: { b: { c: [1] } } })).toBe('VARIABLES_TOO_DEEP');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(checkRequestLimits('{ a }', { deep })?.limitCode).toBe('VARIABLES_TOO_DEEP');
    expect(code('{ a }', 'not an object')).toBeNull();
  });
});

describe('requestLimitsChecker', () => {
  it('still checks the variables of a text it remembers, and every bound of a text whose variables were refused', () => {
    const check = requestLimitsChecker(limits);
    expect(check('{ a }', { a: 1 })).toBeNull();
    expect(check('{ a }', { a: { b: { c: [1] } } })?.limitCode).toBe('VARIABLES_TOO_DEEP');
    expect(check('{ a }', { a: 1, b: [1, 2, 3], c: null })?.limitCode).toBe('TOO_MANY_VARIABLE_VALUES');
    const selections = '{ a b c d e f g h i j k }';
    expect(check(selections, { a: [1, 2, 3, 4, 5, 6] })?.limitCode).toBe('TOO_MANY_VARIABLE_VALUES');
    expect(check(selections, {})?.limitCode).toBe('TOO_MANY_SELECTIONS');
    expect(check(selections, {})?.limitCode).toBe('TOO_MANY_SELECTIONS');
  });

  it('answers alike with no room to remember anything', () => {
    const check = requestLimitsChecker(limits, 1);
    for (let i = 0; i < 3; i += 1) {
      expect(check('{ a }', {})).toBeNull();
      expect(check('{ a b c d e f g h i j k }', {})?.limitCode).toBe('TOO_MANY_SELECTIONS');
    }
  });
});
