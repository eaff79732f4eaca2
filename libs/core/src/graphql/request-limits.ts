import { DocumentNode, GraphQLError, Kind, Lexer, SelectionSetNode, Source, TokenKind, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import { QueryLimitError } from './query-limits';

/**
 * The bounds of a request checked before GraphQL parses and validates it. Parsing is linear in the
 * tokens, but validation is not (graphql-js compares every pair of fields answering to one name:
 * 500 `b { a }` take 0.15 s), and every millisecond of either blocks the process for every other
 * client: one request of a million `__typename` took 16 s. Each check below is linear in what it
 * has looked at and stops at its bound, so a huge request costs no more than a request at the bound.
 */
export interface RequestLimits {
  /** Characters of the query text (comments and whitespace count: they are lexed too). */
  maxQueryLength: number;
  /** Tokens of the query text (punctuation, names, values). */
  maxTokens: number;
  /** Selections (fields, fragment spreads, inline fragments), every fragment counted each time it is spread. */
  maxSelections: number;
  /** Values in the variables (objects, lists, and scalars inside them), declared or not. */
  maxVariableValues: number;
  /** Nesting of objects and lists in the variables. */
  maxVariablesDepth: number;
}

// The largest operation of a real client is a few hundred selections (the explorer's introspection
// query, all fragments spread, is under 200); the largest input (a report's 500 findings) a few
// thousand values, nested 5 deep. A document's file is one value however long it is.
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxQueryLength: 100_000,
  maxTokens: 10_000,
  maxSelections: 1_000,
  maxVariableValues: 10_000,
  maxVariablesDepth: 16,
};

/**
 * The first bound a request exceeds, as the error to answer with; null when within all, or when
 * the query does not parse (GraphQL reports that itself, in its own words). The query is lexed
 * (up to the token bound) and parsed only once it is known to be short enough.
 */
export function checkRequestLimits(
  query: unknown,
  variables: unknown,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
): QueryLimitError | null {
  const variableError = checkVariables(variables, limits);
  if (variableError) return variableError;
  if (typeof query !== 'string') return null;
  if (query.length > limits.maxQueryLength) {
    return new QueryLimitError(
      'QUERY_TOO_LONG',
      `The query is ${query.length} characters long; at most ${limits.maxQueryLength} are allowed`,
      limits.maxQueryLength,
      query.length,
    );
  }
  let tokens: number;
  try {
    tokens = countTokens(query, limits.maxTokens + 1);
  } catch (error) {
    if (error instanceof GraphQLError) return null; // a syntax error: GraphQL reports it
    throw error;
  }
  if (tokens > limits.maxTokens) {
    return new QueryLimitError(
      'TOO_MANY_TOKENS',
      `The query has more than ${limits.maxTokens} tokens; at most ${limits.maxTokens} are allowed`,
      limits.maxTokens,
      tokens,
    );
  }
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  const selections = countSelections(document, limits.maxSelections + 1);
  if (selections > limits.maxSelections) {
    return new QueryLimitError(
      'TOO_MANY_SELECTIONS',
      `The query selects more than ${limits.maxSelections} fields (every fragment counted each time it is spread); at most ${limits.maxSelections} are allowed`,
      limits.maxSelections,
      selections,
    );
  }
  return null;
}

/**
 * {@link checkRequestLimits} for a server that sees the same few query texts again and again (a
 * client sends its operations as constants): a query text within the bounds is remembered, by its
 * text, and the next request with it only has its variables checked. Lexing and parsing the docket
 * list's query for its selections was about 1 % of that request's CPU time (bench/RESULTS.md).
 * Only texts that passed are kept, in an LRU bounded by their total length, so a stream of
 * distinct queries costs what it did and holds at most `memoryChars` characters.
 */
export function requestLimitsChecker(
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  memoryChars = 1_000_000,
): (query: unknown, variables: unknown) => QueryLimitError | null {
  const passed = new LRUCache<string, true>({ maxSize: memoryChars, sizeCalculation: (_value, query) => Math.max(1, query.length) });
  return (query, variables) => {
    if (typeof query === 'string' && passed.get(query)) return checkVariables(variables, limits);
    const refusal = checkRequestLimits(query, variables, limits);
    // A refusal for the variables comes before the text is looked at: such a text is not kept.
    if (!refusal && typeof query === 'string') passed.set(query, true);
    return refusal;
  };
}

/** The tokens of a query, counting no further than `stop` (comments are no tokens). */
export function countTokens(query: string, stop: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (count < stop && lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/**
 * The selections of every operation and fragment of a document, each fragment's spreads expanded:
 * nested fragments spread ten times each multiply, so a short document can select millions of
 * fields. Each fragment is counted once (memoised), a cycle counts nothing (validation refuses
 * it); the count stops growing past `stop`.
 */
export function countSelections(document: DocumentNode, stop: number): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const sizes = new Map<string, number>();
  const visiting = new Set<string>();
  const fragmentSize = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    const set = fragments.get(name);
    if (!set || visiting.has(name)) return 0;
    visiting.add(name);
    const size = setSize(set);
    visiting.delete(name);
    sizes.set(name, size);
    return size;
  };
  const setSize = (set: SelectionSetNode): number => {
    let size = 0;
    for (const selection of set.selections) {
      size += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD) size += fragmentSize(selection.name.value);
      else if (selection.selectionSet) size += setSize(selection.selectionSet);
      if (size >= stop) return stop;
    }
    return size;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += setSize(definition.selectionSet);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) total += fragmentSize(definition.name.value);
    if (total >= stop) return stop;
  }
  return total;
}

/**
 * Counts the values of the variables without recursion (a deep nesting would overflow the stack),
 * stopping at the first bound exceeded. Every variable counts, used or not: the JSON parser has
 * built them all, and whatever reads them later walks them all.
 */
function checkVariables(variables: unknown, limits: RequestLimits): QueryLimitError | null {
  if (variables === null || typeof variables !== 'object') return null;
  const stack: [unknown, number][] = [[variables, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > limits.maxVariablesDepth) {
      return new QueryLimitError(
        'VARIABLES_TOO_DEEP',
        `The variables nest more than ${limits.maxVariablesDepth} levels deep; at most ${limits.maxVariablesDepth} are allowed`,
        limits.maxVariablesDepth,
        depth,
      );
    }
    if (value === null || typeof value !== 'object') continue;
    // One child at a time (no Object.values): a million keys stop being counted at the bound.
    const children: Iterable<unknown> = Array.isArray(value) ? value : objectValues(value as Record<string, unknown>);
    for (const child of children) {
      values += 1;
      if (values > limits.maxVariableValues) {
        return new QueryLimitError(
          'TOO_MANY_VARIABLE_VALUES',
          `The variables hold more than ${limits.maxVariableValues} values; at most ${limits.maxVariableValues} are allowed`,
          limits.maxVariableValues,
          values,
        );
      }
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

function* objectValues(object: Record<string, unknown>): Iterable<unknown> {
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) yield object[key];
}
