// The build of `npm start`, `npm run start:worker` and `npm run tally` (README, "The two commands"):
// SWC turns every TypeScript file of apps/, libs/, migrations/ and scripts/ (not the specs) into
// CommonJS under dist/, one file for one file, with the decorator metadata that NestJS, TypeORM and
// the code-first GraphQL schema read (legacy decorators + metadata, as tsconfig.json's
// experimentalDecorators and emitDecoratorMetadata), and the `@app/<lib>` imports rewritten to
// relative paths from tsconfig.json's paths. It does not type-check: `npm test` does (tsc --noEmit).
//
//   node scripts/build.js              build
//   node scripts/build.js --if-stale   build unless dist/ was built from exactly these sources
//   --quiet                            print nothing unless it fails
//
// Plain JavaScript run by node alone: it must work before anything is compiled, and in a few tens of
// milliseconds when nothing changed (a hash of the sources against dist/.build-stamp).
/* eslint-disable @typescript-eslint/no-require-imports */
/* global process, setTimeout */
'use strict';

const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs', 'migrations', 'scripts'];
/** What else decides the output: this file (the options), the paths, the compiler's version. */
const INPUTS = ['scripts/build.js', 'tsconfig.json', 'package-lock.json'];
const ENTRY = join(DIST, 'apps', 'api', 'src', 'main.js');
const LOCK = join(DIST, '.build-lock');

/**
 * Files read at run time are copied beside the code: message catalogues (libs/i18n/messages) and
 * the public pages' assets (libs/site/assets).
 */
function isCopied(path) {
  const parts = path.split('/');
  return (path.endsWith('.json') && parts.includes('messages')) || (parts[0] === 'libs' && parts.includes('assets'));
}

function isSource(name) {
  return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts');
}

/** The TypeScript sources to compile, as paths relative to the root with '/', sorted. */
function listSources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (isSource(entry.name) || isCopied(path)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(ROOT, dir))) walk(dir);
  return files.sort();
}

/** A hash of the sources' paths and contents and of INPUTS: equal hashes, equal output. */
function sourcesHash(files) {
  const hash = createHash('sha256');
  for (const file of [...INPUTS, ...files]) {
    hash.update(file).update('\0');
    if (existsSync(join(ROOT, file))) hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isUpToDate(hash) {
  return existsSync(ENTRY) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash;
}

function swcOptions() {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  return {
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      // As tsc with experimentalDecorators and emitDecoratorMetadata; class fields as tsc defines
      // them for target ES2022 (useDefineForClassFields defaults to true there).
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      // NestJS and TypeORM name things after their classes.
      keepClassNames: true,
      baseUrl: join(ROOT, compilerOptions.baseUrl ?? '.'),
      paths: compilerOptions.paths,
    },
  };
}

async function compile(files, outDir) {
  const swc = require('@swc/core');
  const options = swcOptions();
  const failures = [];
  // SWC transforms on its own threads: a few files in flight keep both cores busy.
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const out = join(outDir, file.replace(/\.ts$/, '.js'));
      if (isCopied(file)) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, readFileSync(join(ROOT, file)));
        continue;
      }
      try {
        const result = await swc.transformFile(join(ROOT, file), {
          ...options,
          filename: join(ROOT, file),
          sourceFileName: relative(dirname(out), join(ROOT, file)).split(sep).join('/'),
        });
        mkdirSync(dirname(out), { recursive: true });
        const name = out.slice(out.lastIndexOf(sep) + 1);
        writeFileSync(out, `${result.code}\n//# sourceMappingURL=${name}.map\n`);
        if (result.map) writeFileSync(`${out}.map`, result.map);
      } catch (error) {
        failures.push(`${file}: ${error && error.message ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return failures;
}

/**
 * Builds into a fresh folder beside dist/ and then swaps each top folder in, so that a file removed
 * from the sources leaves no stale JavaScript behind, and a failed build leaves dist/ as it was.
 */
async function build(files, hash) {
  const staging = join(DIST, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const failures = await compile(files, staging);
    if (failures.length > 0) throw new Error(`SWC could not compile:\n${failures.join('\n')}`);
    rmSync(STAMP, { force: true });
    for (const dir of readdirSync(staging)) {
      rmSync(join(DIST, dir), { recursive: true, force: true });
      renameSync(join(staging, dir), join(DIST, dir));
    }
    writeFileSync(STAMP, `${hash}\n`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * One build at a time (tests and `npm run tally` may build beside `npm start`): a folder made
 * atomically; a lock older than a minute is from a build that died and is taken over.
 */
async function withLock(action) {
  mkdirSync(DIST, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 60_000) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build holds ${LOCK}`, { cause: error });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const quiet = argv.includes('--quiet');
  const unknown = argv.filter((arg) => arg !== '--if-stale' && arg !== '--quiet');
  if (unknown.length > 0) {
    process.stderr.write(`build: unknown argument ${unknown[0]} (usage: node scripts/build.js [--if-stale] [--quiet])\n`);
    return 2;
  }
  const started = Date.now();
  const files = listSources();
  const hash = sourcesHash(files);
  const upToDate = () => {
    if (!quiet) process.stderr.write(`dist/ is up to date (${files.length} sources unchanged, checked in ${Date.now() - started} ms)\n`);
    return 0;
  };
  if (ifStale && isUpToDate(hash)) return upToDate();
  // Another build may have finished while this one waited for the lock.
  const built = await withLock(async () => {
    if (ifStale && isUpToDate(hash)) return false;
    await build(files, hash);
    return true;
  });
  if (!built) return upToDate();
  if (!quiet)
    process.stderr.write(`Built dist/ from ${files.length} sources with SWC in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

module.exports = { listSources, sourcesHash, STAMP, ENTRY };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`build: ${error && error.message ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
