import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  VariableDefinitionNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from './page-size';

export type QueryLimitCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'QUERY_TOO_COSTLY'
  | 'INVALID_PAGE_SIZE'
  // Refused before the document is parsed or validated (request-limits.ts):
  | 'QUERY_TOO_LONG'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_SELECTIONS'
  | 'TOO_MANY_VARIABLE_VALUES'
  | 'VARIABLES_TOO_DEEP';

/**
 * A request refused before it runs: too long, too many tokens, selections or variable values, too
 * deep, too wide or too costly, or a page size out of range. The client sees BAD_USER_INPUT with
 * the code as `extensions.domainCode`, the limit, the actual figure and the details.
 */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limitCode: QueryLimitCode,
    message: string,
    readonly limit: number,
    readonly actual: number,
    readonly details: Record<string, string | number> = {},
  ) {
    // HTTP 400: the request, not the server, is at fault.
    super(message, { extensions: { http: { status: 400 } } });
    this.name = 'QueryLimitError';
  }
}

/** The page sizes a `first` argument may ask for, checked before the cost is computed. */
export const PAGE_SIZE_RANGE = { min: 0, max: MAX_PAGE_SIZE };

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** The page size assumed for a list field whose `first` is not given. */
  defaultPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 7, maxAliases: 15, maxCost: 20_000, defaultPageSize: 20 };

/**
 * The budget of expensive queries per client (signed-in user, or address), counted in cost units
 * in PostgreSQL so that it holds across API processes. Queries cheaper than `threshold` (a
 * docket page, a dispute) are not counted: they pay no extra round trip.
 */
export const EXPENSIVE_QUERY_BUDGET = { threshold: 1_000, limit: 200_000, windowSeconds: 60 };

export interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Measures an operation: its depth (fields nested in fields, `__typename` and fragments not
 * counted as levels), its aliases, and its cost: every field costs 1, and a field taking `first`
 * multiplies the cost of what it selects by that page size, so a page of 100 disputes each with
 * 100 docket entries costs 10 000.
 *
 * Every page size is checked first, as the value the field will receive (a literal, a variable,
 * the variable's default, else the default page size): one outside {@link PAGE_SIZE_RANGE} is
 * refused here (a negative one would subtract the cost of what it selects from the total).
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultPageSize: number,
): Measure {
  const defaults = new Map<string, VariableDefinitionNode>();
  for (const definition of operation.variableDefinitions ?? []) defaults.set(definition.variable.name.value, definition);
  const visit = (set: SelectionSetNode, seen: Set<string>, path: string): Measure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = selection as FieldNode;
        if (field.alias) aliases += 1;
        if (field.name.value.startsWith('__')) continue;
        const at = path ? `${path}.${(field.alias ?? field.name).value}` : (field.alias ?? field.name).value;
        const size = pageSize(field, variables, defaults, defaultPageSize, at);
        const inner = field.selectionSet ? visit(field.selectionSet, seen, at) : { depth: 0, aliases: 0, cost: 0 };
        depth = Math.max(depth, inner.depth + 1);
        aliases += inner.aliases;
        cost += 1 + inner.cost * size;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = visit(selection.selectionSet, seen, path);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // unknown or cyclic: other rules report it
        const inner = visit(fragment.selectionSet, new Set([...seen, name]), path);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      }
    }
    return { depth, aliases, cost };
  };
  return visit(operation.selectionSet, new Set(), '');
}

/**
 * The page size a field asks for (1 for a field without `first`). A value that is not a number
 * (a string in a variable, `null`) fails the variable's or the argument's coercion later: it is
 * costed at the default page size meanwhile.
 */
function pageSize(
  field: FieldNode,
  variables: Record<string, unknown>,
  definitions: Map<string, VariableDefinitionNode>,
  fallback: number,
  at: string,
): number {
  const first = field.arguments?.find((arg) => arg.name.value === 'first');
  if (!first) return 1;
  let value: unknown = fallback;
  if (first.value.kind === Kind.INT) {
    value = Number(first.value.value);
  } else if (first.value.kind === Kind.VARIABLE) {
    const name = first.value.name.value;
    if (Object.prototype.hasOwnProperty.call(variables, name)) {
      value = variables[name];
    } else {
      const byDefault = definitions.get(name)?.defaultValue;
      if (byDefault?.kind === Kind.INT) value = Number(byDefault.value);
    }
  }
  if (typeof value !== 'number') return fallback;
  const { min, max } = PAGE_SIZE_RANGE;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueryLimitError(
      'INVALID_PAGE_SIZE',
      `first must be a whole number from ${min} to ${max} (got ${value} at ${at})`,
      max,
      value,
      { field: 'first', selection: at, min, max },
    );
  }
  return value;
}

/** The first limit an operation exceeds, as the error to send back; null when within all. */
export function checkQueryLimits(m: Measure, limits: QueryLimits): QueryLimitError | null {
  if (m.depth > limits.maxDepth) {
    return new QueryLimitError(
      'QUERY_TOO_DEEP',
      `The query nests ${m.depth} levels deep; at most ${limits.maxDepth} are allowed`,
      limits.maxDepth,
      m.depth,
    );
  }
  if (m.aliases > limits.maxAliases) {
    return new QueryLimitError(
      'TOO_MANY_ALIASES',
      `The query uses ${m.aliases} aliases; at most ${limits.maxAliases} are allowed`,
      limits.maxAliases,
      m.aliases,
    );
  }
  if (m.cost > limits.maxCost) {
    return new QueryLimitError(
      'QUERY_TOO_COSTLY',
      `The query would cost ${m.cost} (fields × page sizes); at most ${limits.maxCost} is allowed: ask for smaller pages`,
      limits.maxCost,
      m.cost,
    );
  }
  return null;
}
