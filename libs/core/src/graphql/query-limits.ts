import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** A query refused before it runs for being too deep, too wide or too costly. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limitCode: 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'QUERY_TOO_COSTLY',
    message: string,
    readonly limit: number,
    readonly actual: number,
  ) {
    // HTTP 400: the request, not the server, is at fault.
    super(message, { extensions: { http: { status: 400 } } });
    this.name = 'QueryLimitError';
  }
}

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
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultPageSize: number,
): Measure {
  const visit = (set: SelectionSetNode, seen: Set<string>): Measure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = selection as FieldNode;
        if (field.alias) aliases += 1;
        if (field.name.value.startsWith('__')) continue;
        const inner = field.selectionSet ? visit(field.selectionSet, seen) : { depth: 0, aliases: 0, cost: 0 };
        depth = Math.max(depth, inner.depth + 1);
        aliases += inner.aliases;
        cost += 1 + inner.cost * pageSize(field, variables, defaultPageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = visit(selection.selectionSet, seen);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue; // unknown or cyclic: other rules report it
        const inner = visit(fragment.selectionSet, new Set([...seen, name]));
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
      }
    }
    return { depth, aliases, cost };
  };
  return visit(operation.selectionSet, new Set());
}

function pageSize(field: FieldNode, variables: Record<string, unknown>, fallback: number): number {
  const first = field.arguments?.find((arg) => arg.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT) return Number(first.value.value);
  if (first.value.kind === Kind.VARIABLE) {
    const value = variables[first.value.name.value];
    return typeof value === 'number' ? value : fallback;
  }
  return fallback;
}

/** The first limit an operation exceeds, as the error to send back; null when within all. */
export function checkQueryLimits(m: Measure, limits: QueryLimits): QueryLimitError | null {
  if (m.depth > limits.maxDepth) {
    return new QueryLimitError('QUERY_TOO_DEEP', `The query nests ${m.depth} levels deep; at most ${limits.maxDepth} are allowed`, limits.maxDepth, m.depth);
  }
  if (m.aliases > limits.maxAliases) {
    return new QueryLimitError('TOO_MANY_ALIASES', `The query uses ${m.aliases} aliases; at most ${limits.maxAliases} are allowed`, limits.maxAliases, m.aliases);
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
