import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The stylesheet, read once from libs/site/assets (scripts/build.js copies the folder into dist/,
 * so the same relative path works from the sources and from the build).
 */
let css: string | null = null;
export function siteCss(): string {
  css ??= readFileSync(join(__dirname, '..', 'assets', 'site.css'), 'utf8');
  return css;
}
