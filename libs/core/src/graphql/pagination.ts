import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { SqlParams } from '../database/entity-rows';
import { badInput } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return: 1 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: 'Start after this cursor: the endCursor of the previous page (omit for the first page)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType({ description: 'Where a page of a list stands' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page: pass endCursor as `after` for the next one' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item of this page (opaque; null for an empty page)' })
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** A Relay-style connection type for one node type. */
export function Connection<T>(node: Type<T>) {
  @ObjectType(`${node.name}Edge`, { description: `One ${node.name} of a page, with its cursor` })
  class Edge {
    @Field({ description: 'Opaque position of this item: pass it as `after` to read the items after it' })
    cursor: string;

    @Field(() => node, { description: `The ${node.name} at this position` })
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors' })
    edges: Edge[];

    @Field(() => [node], { description: 'The items of this page, in order (the nodes of edges)' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Whether a next page exists, and its cursor' })
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const invalidCursor = () => badInput('after', 'The cursor is not one this API issued', 'INVALID_CURSOR');

// What a cursor of this API holds: sort values and ids as sortValue() gives them (codes, names,
// ISO instants, days, sequence numbers, UUIDs). Anything else was not issued here.
const MAX_CURSOR_VALUE_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function decodeCursor(cursor: string, size: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== size) throw invalidCursor();
  return values.map((value) => {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || text.length > MAX_CURSOR_VALUE_LENGTH || CONTROL.test(text)) throw invalidCursor();
    return text;
  });
}

/**
 * Runs the read of a page. A cursor decodes to text that PostgreSQL casts to the key's types (a
 * UUID, an instant, a number): a forged one that does not cast is a data exception (SQLSTATE class
 * 22), which is the client's cursor at fault, not the server.
 */
async function readAfterCursor<T>(after: string | undefined, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (after && isDataException(error)) throw invalidCursor();
    throw error;
  }
}

function isDataException(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && code.startsWith('22');
}

export interface KeysetOrder<E> {
  /** SQL expression of the sort key, e.g. `m.code`; the alias's `id` breaks ties. */
  sortExpression: string;
  alias: string;
  sortValue: (entity: E) => string | number;
  direction?: 'ASC' | 'DESC';
}

/**
 * Keyset pagination: a page costs the same at the millionth row as at the first, and a row
 * inserted meanwhile never makes a page skip or repeat.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }, N>(
  qb: SelectQueryBuilder<E>,
  args: ConnectionArgs,
  order: KeysetOrder<E>,
  toNode: (entity: E) => N,
): Promise<Page<N>> {
  const direction = order.direction ?? 'ASC';
  if (args.after) {
    const [value, id] = decodeCursor(args.after, 2);
    qb.andWhere(afterCursor(order, ':cursorValue', ':cursorId'), { cursorValue: value, cursorId: id });
  }
  const rows = await readAfterCursor(args.after, () =>
    qb
      .orderBy(order.sortExpression, direction)
      .addOrderBy(`${order.alias}.id`, direction)
      .take(args.first + 1)
      .getMany(),
  );
  return toPage(rows, args.first, order.sortValue, toNode);
}

/** A keyset-paginated read in hand-written SQL (see EntityRows): the same pages and cursors as {@link keysetPage}. */
export interface SqlKeysetQuery<E> {
  /** `SELECT <select> FROM <from> WHERE <where…>`, with parameters from `params`. */
  select: string;
  from: string;
  where: string[];
  params: SqlParams;
  order: KeysetOrder<E>;
  /** Runs the statement and maps its rows. */
  read: (sql: string, values: unknown[]) => Promise<E[]>;
}

export async function keysetPageSql<E extends { id: string }, N>(
  query: SqlKeysetQuery<E>,
  args: ConnectionArgs,
  toNode: (entity: E) => N,
): Promise<Page<N>> {
  const { order, params } = query;
  const direction = order.direction ?? 'ASC';
  const where = [...query.where];
  if (args.after) {
    const [value, id] = decodeCursor(args.after, 2);
    where.push(afterCursor(order, params.add(value), params.add(id)));
  }
  const sql =
    `SELECT ${query.select} FROM ${query.from}` +
    (where.length ? ` WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : '') +
    ` ORDER BY ${order.sortExpression} ${direction}, ${order.alias}.id ${direction} LIMIT ${params.add(args.first + 1)}`;
  const rows = await readAfterCursor(args.after, () => query.read(sql, params.values));
  return toPage(rows, args.first, order.sortValue, toNode);
}

/** The rows after a cursor's (sort value, id), in the order's direction. */
function afterCursor<E>(order: KeysetOrder<E>, value: string, id: string): string {
  return `(${order.sortExpression}, ${order.alias}.id) ${(order.direction ?? 'ASC') === 'ASC' ? '>' : '<'} (${value}, ${id})`;
}

function toPage<E extends { id: string }, N>(
  rows: E[],
  first: number,
  sortValue: (entity: E) => string | number,
  toNode: (entity: E) => N,
): Page<N> {
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor([sortValue(row), row.id]),
    node: toNode(row),
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

/** Maps the nodes of a page (entity to GraphQL type) and keeps the cursors. */
export function mapPage<E, N>(page: Page<E>, map: (entity: E) => N): Page<N> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo };
}
