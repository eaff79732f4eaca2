import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum from a const list of names (the lists the domain already keeps), registered
 * under `name`, with a description of the enum and one of each value. Returns the
 * `{ NAME: 'NAME' }` object that `@Field(() => …)` takes.
 */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description: string,
  valueDescriptions: Readonly<Record<T, string>>,
): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  const valuesMap = Object.fromEntries(values.map((v) => [v, { description: valueDescriptions[v] }]));
  registerEnumType(enumObject, { name, description, valuesMap: valuesMap as never });
  return enumObject;
}
