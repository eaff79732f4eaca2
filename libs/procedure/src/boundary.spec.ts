import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

// The engine is the DSU as data and pure functions: the registry's services, the worker, the
// benches and the docs generator all run the same decisions, so it must load without Nest, a
// database or GraphQL, and must not depend on the libs that depend on it.

const ROOT = __dirname;
const FRAMEWORKS = [/^@nestjs\//, /^typeorm(\/|$)/, /^graphql(\/|$)/, /^class-validator(\/|$)/, /^class-transformer(\/|$)/, /^@app\//];
// What specs and their helpers may use besides node: the property-based generator and the
// compiler this test reads imports with.
const TEST_TOOLS = new Set(['fast-check', 'typescript']);
const BUILTINS = new Set(builtinModules);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports, re-exports, `require` and `import()`. */
function importsOf(file: string): string[] {
  return preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

const isTestFile = (file: string) => file.endsWith('.spec.ts') || file.endsWith('.testing.ts');
const isBuiltin = (name: string) => name.startsWith('node:') || BUILTINS.has(name.split('/')[0]);

/** The imports of the engine that break its boundary, as `file: module`. */
function violations(root: string = ROOT): string[] {
  const found: string[] = [];
  for (const file of sources(root)) {
    const at = relative(root, file);
    for (const name of importsOf(file)) {
      const framework = FRAMEWORKS.some((pattern) => pattern.test(name));
      const outside = name.startsWith('.') && relative(root, resolve(file, '..', name)).startsWith('..');
      const other = !name.startsWith('.') && !isBuiltin(name) && !(isTestFile(file) && TEST_TOOLS.has(name));
      if (framework || outside || other) found.push(`${at}: ${name}`);
    }
  }
  return found;
}

describe('the engine library', () => {
  it('finds the files it checks, and the imports in them', () => {
    expect(sources(ROOT).map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['engine.ts', 'index.ts', 'dates.ts']));
    expect(importsOf(join(ROOT, 'engine.ts'))).toContain('./transitions');
    expect(importsOf(__filename)).toEqual(expect.arrayContaining(['node:fs', 'typescript']));
  });

  it('imports only node built-ins and its own files: no Nest, TypeORM, GraphQL, class-validator/transformer or @app/* lib', () => {
    expect(violations()).toEqual([]);
  });
});
