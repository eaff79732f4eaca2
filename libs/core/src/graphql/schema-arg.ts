import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Args, ArgsOptions } from '@nestjs/graphql';

/** @nestjs/graphql's key for an `@Args` parameter in the route-arguments metadata (GqlParamtype.ARGS). */
const ARGS_PARAMTYPE = 3;

/**
 * Declares a field argument in the schema, as `@Args(name, options)` does, on the parameter that
 * receives graphql-js's `args` object, and leaves the call to graphql-js.
 *
 * `@Args` does two things: it adds the argument to the schema, and it has Nest resolve the
 * parameter on every call (its context creator and the global validation pipe). The second is what
 * keeps a field off @nestjs/graphql's fast path (`canUseFastFieldResolver`: a method with no
 * parameter metadata is bound to the schema as it is). A field a list asks for on every row
 * (`Dispute.title` in the docket list) pays for it once per row, for an argument the method checks
 * itself. So only the schema half is kept: the method is written as graphql-js calls it,
 * `(parent, args, context)`, and reads `args[name]`. Use it only where every parameter is plain
 * (no other parameter decorator) and the method validates the argument itself: no pipe runs.
 */
export function SchemaArg(name: string, options: ArgsOptions): ParameterDecorator {
  const declare = Args(name, options);
  return (target, key, index) => {
    if (key === undefined) throw new Error(`SchemaArg('${name}') belongs on a resolver method's parameter`);
    if (index !== 1) throw new Error(`SchemaArg('${name}') belongs on the second parameter (graphql-js's args) of ${String(key)}`);
    declare(target, key, index);
    const params = { ...(Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) as Record<string, unknown>) };
    delete params[`${ARGS_PARAMTYPE}:${index}`];
    if (Object.keys(params).length > 0) {
      throw new Error(`SchemaArg('${name}') cannot be mixed with Nest's parameter decorators on ${String(key)}`);
    }
    Reflect.deleteMetadata(ROUTE_ARGS_METADATA, target.constructor, key);
  };
}
