import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors';

/** The hard ceiling of every list in the API. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** A Relay-style connection type for one node type. */
export function Connection<T>(node: Type<T>) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === size) return values.map(String);
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'The cursor is not one this API issued', 'INVALID_CURSOR');
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
  const cmp = direction === 'ASC' ? '>' : '<';
  if (args.after) {
    const [value, id] = decodeCursor(args.after, 2);
    qb.andWhere(`(${order.sortExpression}, ${order.alias}.id) ${cmp} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  const rows = await qb
    .orderBy(order.sortExpression, direction)
    .addOrderBy(`${order.alias}.id`, direction)
    .take(args.first + 1)
    .getMany();
  const hasNextPage = rows.length > args.first;
  const pageRows = rows.slice(0, args.first);
  const edges = pageRows.map((row) => ({
    cursor: encodeCursor([order.sortValue(row), row.id]),
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
