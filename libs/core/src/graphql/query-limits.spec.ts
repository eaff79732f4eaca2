import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { measureOperation } from './query-limits';

const measure = (query: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [(d as { name: { value: string } }).name.value, d]),
  ) as never;
  return measureOperation(op, fragments, variables, 20);
};

describe('measureOperation', () => {
  it('counts depth through fragments but not __typename', () => {
    expect(measure('{ a { b { c } } }').depth).toBe(3);
    expect(measure('{ a { ...F } } fragment F on T { b { c { __typename } } }').depth).toBe(3);
    expect(measure('{ a { ... on T { b } } }').depth).toBe(2);
  });

  it('counts aliases anywhere', () => {
    expect(measure('{ x: a { y: b z: b } w: a }').aliases).toBe(4);
  });

  it('multiplies the cost of a list by its page size, literal or variable', () => {
    expect(measure('{ disputes(first: 10) { nodes { id } } }').cost).toBe(1 + 10 * 2);
    expect(measure('query($n: Int) { disputes(first: $n) { nodes { id docket(first: 5) { nodes { id } } } } }', { n: 4 }).cost).toBe(
      1 + 4 * (1 + 1 + 1 + 5 * 2),
    );
  });

  it('survives a fragment cycle (other rules reject it)', () => {
    expect(measure('{ a { ...F } } fragment F on T { b { ...F } }').depth).toBe(2);
  });
});
