import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Test } from '@nestjs/testing';
import {
  Args,
  Context,
  Field,
  GraphQLSchemaBuilderModule,
  GraphQLSchemaFactory,
  ObjectType,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { GraphQLNonNull, GraphQLObjectType, printSchema } from 'graphql';
import { SchemaArg } from './schema-arg';

@ObjectType()
class Thing {
  @Field()
  id!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing)
  thing(): Thing {
    return { id: '1' };
  }

  @ResolveField(() => String)
  plain(
    thing: Thing,
    @SchemaArg('language', { type: () => String, nullable: true, description: 'A working language' }) args: { language?: string },
  ): string {
    return `${thing.id}:${args.language ?? 'as filed'}`;
  }

  @ResolveField(() => String)
  viaNest(@Args('language', { type: () => String, nullable: true, description: 'A working language' }) language?: string): string {
    return language ?? 'as filed';
  }
}

describe('SchemaArg', () => {
  it('declares the argument in the schema exactly as @Args does', async () => {
    const module = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
    const schema = await module.get(GraphQLSchemaFactory).create([ThingResolver]);
    const fields = (schema.getType('Thing') as GraphQLObjectType).getFields();
    const [plain, viaNest] = [fields.plain, fields.viaNest].map((field) => field.args.map((a) => [a.name, String(a.type), a.description]));
    expect(plain).toEqual([['language', 'String', 'A working language']]);
    expect(plain).toEqual(viaNest);
    expect(fields.plain.type).toBeInstanceOf(GraphQLNonNull);
    expect(printSchema(schema)).toContain('plain(\n    """A working language"""\n    language: String\n  ): String!');
  });

  it("leaves no parameter for Nest to resolve, so @nestjs/graphql binds the method as graphql-js's resolver", () => {
    // ResolversExplorerService.canUseFastFieldResolver: no route-argument metadata, no enhancers.
    expect(Reflect.getMetadata(ROUTE_ARGS_METADATA, ThingResolver, 'plain')).toBeUndefined();
    expect(Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, ThingResolver, 'viaNest') as object)).toEqual(['3:0']);
    expect(new ThingResolver().plain({ id: '7' }, { language: 'fr' })).toBe('7:fr');
  });

  it('refuses a place where graphql-js would not hand it the arguments, and a mix with Nest parameter decorators', () => {
    const options = { type: () => String, nullable: true };
    expect(() => {
      class First {
        field(@SchemaArg('language', options) args: unknown): unknown {
          return args;
        }
      }
      return First;
    }).toThrow(/second parameter/);
    expect(() => {
      class Mixed {
        field(parent: unknown, @SchemaArg('language', options) args: unknown, @Context() ctx: unknown): unknown[] {
          return [parent, args, ctx];
        }
      }
      return Mixed;
    }).toThrow(/cannot be mixed/);
  });
});
