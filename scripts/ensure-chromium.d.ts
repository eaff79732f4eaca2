// The types of scripts/ensure-chromium.js (plain JavaScript, run by node before anything is compiled),
// for e2e/browser/harness.ts, which finds the browser the same way.

/** The Chromium found (`path`), or why none was (`reason`). */
export interface FoundChromium {
  path: string | null;
  reason: string | null;
}

export function findChromium(env?: NodeJS.ProcessEnv): FoundChromium;
/** Installs Debian's chromium package (root, apt); null on success, else why not. */
export function installChromium(env?: NodeJS.ProcessEnv): string | null;
/** What to do when there is no Chromium. */
export const HOW_TO_INSTALL: string;
