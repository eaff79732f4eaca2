import { GraphQLSchemaHost } from '@nestjs/graphql';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  specifiedScalarTypes,
} from 'graphql';
import { ALL_MIGRATIONS } from '@app/migrations';
import { TestApp, startTestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');
const SCHEMA_FILE = join(ROOT, 'schema.gql');

/** Every named type (not introspection, not a built-in scalar), field, argument, input field and enum value without a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const builtIn = new Set(specifiedScalarTypes.map((s) => s.name));
  const blank = (d: string | null | undefined) => !d || d.trim() === '';
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

describe('schema, migrations and probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the migrated database matches the entities (no pending schema change)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('every migration file in migrations/ is in the ordered list, once', () => {
    const files = readdirSync(join(ROOT, 'migrations')).filter((f) => /^\d+-\w+\.ts$/.test(f));
    const names = (ALL_MIGRATIONS as Function[]).map((m) => m.name);
    expect(names).toHaveLength(files.length);
    for (const file of files) {
      const [stamp, name] = file.replace(/\.ts$/, '').split('-');
      expect(names).toContain(`${name}${stamp}`);
    }
  });

  it('the committed schema.gql matches the code (npm run schema:update rewrites it)', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('describes every type, field, argument, input field and enum value (the API documents itself)', () => {
    expect(undescribed(t.app.get(GraphQLSchemaHost).schema)).toEqual([]);
  });

  it('answers the liveness and readiness probes', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    await t.http().get('/health/ready').expect(200, { status: 'ok', database: 'up' });
  });

  it('serves an explorer whose assets come from the application itself', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html').expect(200);
    expect(page.text).toContain('<base href="/altair/">');
    const scripts = [...page.text.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).not.toMatch(/^https?:/);
      await t.http().get(`/altair/${src}`).expect(200);
    }
  });

  it('refuses a GraphQL GET or text/plain POST that could be a cross-site request', async () => {
    const res = await t.http().post('/graphql').set('content-type', 'text/plain').send('{"query":"{ __typename }"}');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    const get = await t.http().get('/graphql?query=%7B__typename%7D');
    expect(get.status).toBe(400);
    expect(get.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('names unknown fields and masks nothing that GraphQL itself reports', async () => {
    const res = await t.gql('{ nope }');
    expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toContain('nope');
  });
});
