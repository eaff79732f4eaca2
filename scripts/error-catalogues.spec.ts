import { ApolloServer } from '@apollo/server';
import { HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import {
  categoriesOf,
  DomainError,
  ERROR_CATEGORIES,
  formatGraphqlError,
  HttpErrorFilter,
  PASSTHROUGH_CODES,
  REQUEST_ERRORS,
  withErrorTables,
  type ErrorCatalogue,
} from '@app/core';
import { REFUSAL_CODES } from '@app/procedure';
import { ERROR_CATALOGUES } from './error-catalogues';

const ROOT = join(__dirname, '..');
type Lib = keyof typeof ERROR_CATALOGUES;
const CATALOGUES: Readonly<Record<Lib, ErrorCatalogue>> = ERROR_CATALOGUES;
const LIBS = Object.keys(CATALOGUES) as Lib[];
const ALL_CODES = new Set(LIBS.flatMap((lib) => Object.keys(CATALOGUES[lib])));

/**
 * Whose catalogue the codes thrown under a folder belong to. The apps throw core's request
 * limits; the procedure engine and the STV count keep the codes of the lib they were part of,
 * wherever they live.
 */
const OWNERS: [folder: string, lib: Lib][] = [
  ['apps', 'core'],
  ['libs/core', 'core'],
  ['libs/registry', 'registry'],
  ['libs/notices', 'notices'],
  ['libs/procedure', 'registry'],
  ['libs/notices', 'notices'],
  ['libs/panels', 'panels'],
  ['libs/stv', 'panels'],
  ['libs/hearings', 'hearings'],
  ['libs/notices', 'notices'],
  ['libs/rulings', 'rulings'],
];

/** Where the code of an error is chosen: the argument that holds it, by the callee's name. */
const CODE_ARGUMENT: Record<string, number> = {
  DomainError: 1,
  QueryLimitError: 0,
  notFound: 2,
  forbidden: 1,
  unauthenticated: 1,
  badInput: 2,
  conflict: 1,
  refuse: 0,
};

/**
 * The throw sites whose code is not written there but handed on, each checked where it is chosen:
 * the helpers pass their caller's code, `refusalError` the engine's refusal (its `refuse` calls are
 * scanned), the formatter and the HTTP filter the code of the error they format.
 */
const HANDED_ON = new Set([
  'libs/core/src/errors/domain-error.ts: code',
  'libs/registry/src/registry.errors.ts: refusal.code',
  'libs/procedure/src/refusals.ts: code',
  'libs/core/src/errors/format-error.ts: original.limitCode',
  'libs/core/src/errors/format-error.ts: original.code',
  'libs/core/src/errors/http-exception.filter.ts: error.code',
  'apps/api/src/graphql/request-limits.hook.ts: error.limitCode',
]);

/** Catalogued codes that no throw site names, each with the reason. */
const NOT_THROWN_BY_NAME: Partial<Record<Lib, Record<string, string>>> = {};

function sourceFiles(folder: string, spec = false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && entry.name.endsWith('spec.ts') === spec) out.push(path);
    }
  };
  walk(join(ROOT, folder));
  return out;
}

interface Site {
  file: string;
  line: number;
  codes: string[];
  unresolved?: string;
}

/** The literal codes an expression can take: literals, conditionals of them, constants of the file. */
function resolve(node: ts.Expression, sf: ts.SourceFile): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) return resolve(node.expression, sf);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [resolve(node.whenTrue, sf), resolve(node.whenFalse, sf)];
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(node)) {
    let found: string[] | null = null;
    const visit = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text && n.initializer)
        found = resolve(n.initializer, sf);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return found;
  }
  return null;
}

/** Every place under `files` that chooses an error code, with the codes it can choose. */
function throwSites(files: string[]): Site[] {
  const sites: Site[] = [];
  for (const path of files) {
    const file = relative(ROOT, path).split(sep).join('/');
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node, expression: ts.Expression | undefined, fallback?: string) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (!expression) return void sites.push({ file, line, codes: fallback ? [fallback] : [] });
      const codes = resolve(expression, sf);
      sites.push(codes ? { file, line, codes } : { file, line, codes: [], unresolved: `${file}: ${expression.getText(sf)}` });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) {
        const index = CODE_ARGUMENT[node.expression.text];
        const isNew = ts.isNewExpression(node);
        const matches = index !== undefined && isNew === ['DomainError', 'QueryLimitError'].includes(node.expression.text);
        if (matches) add(node, node.arguments?.[index], node.expression.text === 'unauthenticated' ? 'UNAUTHENTICATED' : undefined);
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'domainCode') add(node, node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

const SITES = new Map<Lib, Site[]>(LIBS.map((lib) => [lib, []]));
for (const [folder, lib] of OWNERS) SITES.get(lib)!.push(...throwSites(sourceFiles(folder)));

describe('the error catalogues', () => {
  it('hold every code a lib throws, in that lib’s catalogue (codes handed on are checked where they are chosen)', () => {
    const strays: string[] = [];
    for (const lib of LIBS) {
      for (const site of SITES.get(lib)!) {
        if (site.unresolved) {
          if (!HANDED_ON.has(site.unresolved)) strays.push(`${site.file}:${site.line} chooses its code at run time (${site.unresolved})`);
          continue;
        }
        for (const code of site.codes)
          if (!(code in CATALOGUES[lib])) strays.push(`${site.file}:${site.line} throws ${code}, not in the ${lib} catalogue`);
      }
    }
    expect(strays).toEqual([]);
    // The scan finds the throw sites at all: a few known ones.
    const codes = (lib: Lib) => new Set(SITES.get(lib)!.flatMap((s) => s.codes));
    expect([...codes('core')]).toEqual(
      expect.arrayContaining(['UNAUTHENTICATED', 'QUERY_TOO_LONG', 'TOO_MANY_ERRORS', 'QUERY_BUDGET_EXCEEDED', 'INVALID_TOTP_CODE']),
    );
    expect([...codes('registry')]).toEqual(expect.arrayContaining(['DISPUTE_NOT_FOUND', ...REFUSAL_CODES]));
    expect([...codes('hearings')]).toEqual(expect.arrayContaining(['ROOM_TAKEN', 'STAFF_BUSY']));
  });

  it('hold no code that nothing throws', () => {
    const dead: string[] = [];
    for (const lib of LIBS) {
      const thrown = new Set(SITES.get(lib)!.flatMap((s) => s.codes));
      const excused = NOT_THROWN_BY_NAME[lib] ?? {};
      for (const code of Object.keys(CATALOGUES[lib])) if (!thrown.has(code) && !(code in excused)) dead.push(`${lib}: ${code}`);
      for (const code of Object.keys(excused)) expect([lib, code, code in CATALOGUES[lib]]).toEqual([lib, code, true]);
    }
    expect(dead).toEqual([]);
  });

  it('give a code shared by catalogues the same categories, and each entry a one-line meaning', () => {
    const seen = new Map<string, string>();
    for (const lib of LIBS) {
      for (const [code, entry] of Object.entries(CATALOGUES[lib])) {
        const categories = [...categoriesOf(entry)].sort().join(', ');
        expect([code, categories.split(', ').every((c) => (ERROR_CATEGORIES as readonly string[]).includes(c))]).toEqual([code, true]);
        expect([code, seen.get(code) ?? categories]).toEqual([code, categories]);
        seen.set(code, categories);
        expect([code, entry.meaning.length > 10 && !entry.meaning.includes('\n')]).toEqual([code, true]);
      }
    }
  });

  it("list the engine's refusals in the registry's catalogue, each under its own category", () => {
    for (const code of REFUSAL_CODES) expect(categoriesOf(CATALOGUES.registry[code])).toEqual([code]);
  });

  it('hold every domain code the end-to-end tests expect', () => {
    const expected = throwSites(sourceFiles('e2e', true)).flatMap((s) => s.codes);
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.filter((code) => !ALL_CODES.has(code))).toEqual([]);
  });

  it('are in the README, as `npm run docs:errors` writes them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withErrorTables(readme, CATALOGUES));
  });
});

describe('the codes that reach a client without a throw site', () => {
  const allowed = new Set<string>([...ERROR_CATEGORIES, ...Object.keys(REQUEST_ERRORS)]);

  it('list what the formatter lets through of GraphQL’s and Apollo’s own codes', () => {
    expect(PASSTHROUGH_CODES.filter((code) => !allowed.has(code))).toEqual([]);
  });

  it('are catalogued, whatever GraphQL, Apollo or a resolver answers, as the formatter shapes it', async () => {
    const server = new ApolloServer({
      typeDefs: `type Query { n(x: Int!): Int, list(xs: [Int!]!): Int, boom: Int, refused: Int }`,
      resolvers: {
        Query: {
          n: (_: unknown, { x }: { x: number }) => x,
          list: () => 0,
          boom: () => {
            throw new Error('SELECT secret FROM somewhere');
          },
          refused: () => {
            throw new DomainError('NOT_FOUND', 'DISPUTE_NOT_FOUND', 'Dispute x was not found');
          },
        },
      },
      formatError: (formatted, error) => formatGraphqlError(formatted, error),
      persistedQueries: false,
    });
    await server.start();
    const requests: Parameters<ApolloServer['executeOperation']>[0][] = [
      { query: '{ n(x: 1) ' },
      { query: '{ nope }' },
      { query: 'query Q($x: Int!) { n(x: $x) }', variables: { x: 'one' } },
      { query: 'query Q($xs: [Int!]!) { list(xs: $xs) }', variables: { xs: Array.from({ length: 60 }, () => 'one') } },
      { query: 'query A { boom } query B { boom }' },
      { query: '{ boom }' },
      { query: '{ refused }' },
      { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
    ];
    const seen: { code: unknown; domainCode: unknown }[] = [];
    try {
      for (const request of requests) {
        const { body } = await server.executeOperation(request);
        if (body.kind !== 'single') throw new Error('a single result was expected');
        for (const error of body.singleResult.errors ?? [])
          seen.push({ code: error.extensions?.code, domainCode: error.extensions?.domainCode });
      }
    } finally {
      await server.stop();
    }
    const codes = new Set(seen.map((s) => s.code));
    expect([...codes].filter((code) => !allowed.has(code as string))).toEqual([]);
    expect(seen.filter((s) => s.domainCode !== undefined && !ALL_CODES.has(s.domainCode as string))).toEqual([]);
    // Each kind of answer was met, so the checks above saw them.
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'BAD_USER_INPUT',
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'INTERNAL_SERVER_ERROR',
        'NOT_FOUND',
        'OPERATION_RESOLUTION_FAILURE',
      ]),
    );
    expect(seen.map((s) => s.domainCode)).toEqual(expect.arrayContaining(['TOO_MANY_ERRORS', 'DISPUTE_NOT_FOUND']));
  });

  it('are catalogued when the HTTP routes answer', () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const bodies: { error: { code: string; domainCode?: string } }[] = [];
    const response = {
      sent: false,
      raw: { headersSent: false },
      code: () => response,
      header: () => response,
      send: (body: string) => bodies.push(JSON.parse(body) as (typeof bodies)[number]),
    };
    const request = { headers: {}, query: {} };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
    } as unknown as ArgumentsHost;
    const filter = new HttpErrorFilter();
    for (const error of [
      new DomainError('FORBIDDEN', 'ROLE_REQUIRED', 'Only SECRETARIAT may do this'),
      Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      Object.assign(new Error('Unexpected token'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
      new HttpException('Not Found', 404),
      new Error('boom'),
    ]) {
      filter.catch(error, host);
    }
    expect(bodies.map((b) => b.error.code)).toEqual([
      'FORBIDDEN',
      'PAYLOAD_TOO_LARGE',
      'BAD_REQUEST',
      'BAD_REQUEST',
      'INTERNAL_SERVER_ERROR',
    ]);
    expect(bodies.filter((b) => !allowed.has(b.error.code) || (b.error.domainCode && !ALL_CODES.has(b.error.domainCode)))).toEqual([]);
  });
});
