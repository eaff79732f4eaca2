// Finds the Chromium that the browser tests (e2e/browser) drive with playwright-core, and on a Debian
// machine without one, when we are root, installs Debian's `chromium` package (README, Contributing,
// "The browser tests"). Run by `npm test` before anything else (package.json's `pretest`), and by
// hand: `node scripts/ensure-chromium.js`.
//
// Nothing is ever downloaded from anywhere but the machine's own apt sources: no browser from a CDN
// (playwright-core's own browsers are never fetched), so what runs is the distribution's package,
// with its security updates. Where no Chromium can be found or installed, this says so and how to
// get one, and exits 0: the rest of the suite still runs, and the browser tests fail with the same
// message (unless SKIP_BROWSER_TESTS=1, which they announce loudly).
//
// Plain JavaScript run by node alone, before anything is compiled; e2e/browser/harness.ts takes
// findChromium from here (typed by ensure-chromium.d.ts), so the tests and this script look alike.
/* eslint-disable @typescript-eslint/no-require-imports */
/* global process */
'use strict';

const { accessSync, constants, existsSync } = require('node:fs');
const { delimiter, join } = require('node:path');
const { spawnSync } = require('node:child_process');

/** Where Debian puts its package's launcher; then the names a Chromium goes by on PATH. */
const DEBIAN_PATH = '/usr/bin/chromium';
const NAMES = ['chromium', 'chromium-browser'];
/** Bounds on apt (seconds): a hung mirror or a held lock must not hold `npm test` for ever. */
const UPDATE_SECONDS = 300;
const INSTALL_SECONDS = 900;
const LOCK_SECONDS = 300;

const HOW_TO_INSTALL =
  'Install Debian\'s package as root ("apt-get install chromium"; or run "node scripts/ensure-chromium.js" as root, ' +
  'which does it), or set CHROMIUM_PATH to a Chromium or Chrome executable. ' +
  'To run the suite without the browser tests, set SKIP_BROWSER_TESTS=1 (they are then skipped, with a warning).';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, env) {
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * The Chromium to drive: CHROMIUM_PATH when set (and then only it: a path given on purpose that does
 * not work is an error, not a reason to run another browser), else /usr/bin/chromium, else
 * `chromium` or `chromium-browser` on PATH. `{ path }` or `{ path: null, reason }`.
 */
function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    return isExecutable(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH, reason: null }
      : { path: null, reason: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file` };
  }
  if (isExecutable(DEBIAN_PATH)) return { path: DEBIAN_PATH, reason: null };
  for (const name of NAMES) {
    const found = onPath(name, env);
    if (found) return { path: found, reason: null };
  }
  return { path: null, reason: `no Chromium found (CHROMIUM_PATH unset, no ${DEBIAN_PATH}, no ${NAMES.join(' or ')} on PATH)` };
}

/** Why we may not install here, or null when we may (Debian, apt-get, root). */
function cannotInstall(env) {
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version')) return 'this is not a Debian machine';
  if (!onPath('apt-get', env) || !onPath('apt-cache', env)) return 'apt-get is not available';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'installing a package needs root, and this is not root';
  return null;
}

function run(command, args, seconds) {
  process.stderr.write(`ensure-chromium: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: seconds * 1000,
    killSignal: 'SIGTERM',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) return `${command} failed: ${result.error.message}`;
  if (result.signal) return `${command} was stopped after ${seconds} s (${result.signal})`;
  if (result.status !== 0) return `${command} exited with code ${result.status}`;
  return null;
}

/** apt knows a version of `chromium` to install (else its package lists need an update). */
function hasCandidate() {
  const result = spawnSync('apt-cache', ['policy', 'chromium'], { encoding: 'utf8', timeout: 60000 });
  const candidate = /Candidate:\s*(\S+)/.exec(result.stdout || '');
  return Boolean(candidate && candidate[1] !== '(none)');
}

/** Installs Debian's chromium non-interactively; null on success, else why not. */
function installChromium(env = process.env) {
  const refused = cannotInstall(env);
  if (refused) return refused;
  const lock = ['-o', `DPkg::Lock::Timeout=${LOCK_SECONDS}`];
  if (!hasCandidate()) {
    const failed = run('apt-get', [...lock, '-q', 'update'], UPDATE_SECONDS);
    if (failed) return failed;
    if (!hasCandidate()) return "apt knows no package 'chromium' in this machine's sources";
  }
  // Its recommendation (chromium-sandbox) is not needed: the tests run it with --no-sandbox as root.
  return run('apt-get', [...lock, '-q', '-y', '--no-install-recommends', 'install', 'chromium'], INSTALL_SECONDS);
}

function main() {
  const env = process.env;
  const found = findChromium(env);
  if (found.path) {
    process.stderr.write(`ensure-chromium: browser tests will use ${found.path}\n`);
    return;
  }
  if (env.SKIP_BROWSER_TESTS === '1') {
    process.stderr.write(`ensure-chromium: ${found.reason}; SKIP_BROWSER_TESTS=1, so the browser tests will be SKIPPED\n`);
    return;
  }
  if (env.CHROMIUM_PATH) {
    process.stderr.write(`\nensure-chromium: ${found.reason}. The browser tests will fail. ${HOW_TO_INSTALL}\n\n`);
    return;
  }
  process.stderr.write(`ensure-chromium: ${found.reason}; installing Debian's chromium package\n`);
  const failed = installChromium(env);
  const after = findChromium(env);
  if (after.path) {
    process.stderr.write(`ensure-chromium: installed; browser tests will use ${after.path}\n`);
    return;
  }
  process.stderr.write(
    `\nensure-chromium: could not install Chromium: ${failed || after.reason}. The browser tests (e2e/browser) will fail. ${HOW_TO_INSTALL}\n\n`,
  );
}

module.exports = { findChromium, installChromium, HOW_TO_INSTALL };

if (require.main === module) main();
