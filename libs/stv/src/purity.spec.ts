// The count must stay checkable by anyone with node alone (libs/stv/README.md): a recount of a
// published BLT file must not need the application, its database or its framework. This reads
// every file of the lib and fails on any import that would tie the count to them.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const SRC = __dirname;

// Forbidden to every file, specs included: the frameworks and the application's own libs.
const FORBIDDEN: readonly RegExp[] = [
  /^@nestjs\//,
  /^typeorm(\/|$)/,
  /^graphql(\/|$)/,
  /^class-validator(\/|$)/,
  /^class-transformer(\/|$)/,
  /^@app\//,
];

const BUILTINS = new Set(builtinModules);
const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]);
const isSpec = (file: string): boolean => file.endsWith('.spec.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// The compiler's own pre-processor: import and export declarations (type-only ones too),
// require() and import() calls, never a match inside a comment or a string.
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

/** Every import of `file` (whose text is `text`) that breaks the lib's purity, with the reason. */
function violations(file: string, text: string): string[] {
  const found: string[] = [];
  for (const specifier of importsOf(text)) {
    if (FORBIDDEN.some((pattern) => pattern.test(specifier))) {
      found.push(`${specifier}: a framework or another lib`);
    } else if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (target !== SRC && !target.startsWith(SRC + sep)) {
        found.push(`${specifier}: outside libs/stv/src`);
      }
    } else if (!isSpec(file) && !isBuiltin(specifier)) {
      // The count itself depends on node only; specs may use test tools (fast-check).
      found.push(`${specifier}: not a node built-in`);
    }
  }
  return found;
}

describe('libs/stv stays framework-free', () => {
  const files = sourceFiles(SRC);

  it('reads the lib', () => {
    expect(files.map((file) => relative(SRC, file))).toEqual(expect.arrayContaining(['index.ts', 'count.ts', 'blt.ts', 'purity.spec.ts']));
    expect(importsOf(readFileSync(join(SRC, 'index.ts'), 'utf8'))).toContain('./count');
  });

  it('no file imports Nest, TypeORM, GraphQL, class-validator, class-transformer or @app/*', () => {
    const found = files.flatMap((file) =>
      violations(file, readFileSync(file, 'utf8')).map((reason) => `${relative(SRC, file)}: ${reason}`),
    );
    expect(found).toEqual([]);
  });

  it('catches each kind of violation', () => {
    const file = join(SRC, 'count.ts');
    const text = [
      "import { Injectable } from '@nestjs/common';",
      "import type { EntityManager } from 'typeorm';",
      "export { GraphQLError } from 'graphql';",
      "const v = require('class-validator');",
      "const t = import('class-transformer');",
      "import { Clock } from '@app/core';",
      "import { ElectionEntity } from '../../panels/src/elections/election.entity';",
      "import fc from 'fast-check';",
      "import { createHash } from 'node:crypto';",
      "import { parseFixed } from './fixed';",
      "// import { Module } from '@nestjs/common';",
    ].join('\n');
    expect(violations(file, text)).toEqual([
      '@nestjs/common: a framework or another lib',
      'typeorm: a framework or another lib',
      'graphql: a framework or another lib',
      'class-validator: a framework or another lib',
      'class-transformer: a framework or another lib',
      '@app/core: a framework or another lib',
      '../../panels/src/elections/election.entity: outside libs/stv/src',
      'fast-check: not a node built-in',
    ]);
    expect(violations(join(SRC, 'count.spec.ts'), "import fc from 'fast-check';")).toEqual([]);
  });
});
