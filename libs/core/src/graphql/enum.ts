import { registerEnumType } from '@nestjs/graphql';

/**
 * A GraphQL enum from a const list of names (the lists the domain already keeps), registered
 * under `name`. Returns the `{ NAME: 'NAME' }` object that `@Field(() => …)` takes.
 */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description?: string,
): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
