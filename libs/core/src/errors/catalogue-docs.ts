import { REQUEST_ERRORS } from '../core.errors';
import { categoriesOf, type ErrorCatalogue } from './catalogue';

// The README's error tables, made from the catalogues so that they never drift from them (a unit
// test compares them; `npm run docs:errors` writes them).

/** The markers around the generated tables in the README. */
export const ERROR_DOC_MARKERS = ['<!-- errors:start -->', '<!-- errors:end -->'] as const;

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** One lib's codes, in alphabetical order: code | category | meaning. */
export function errorTable(catalogue: ErrorCatalogue): string {
  const lines = ['| `extensions.domainCode` | `extensions.code` | meaning |', '| --- | --- | --- |'];
  for (const code of Object.keys(catalogue).sort()) {
    const entry = catalogue[code];
    lines.push(`| \`${code}\` | ${categoriesOf(entry).join(', ')} | ${cell(entry.meaning)} |`);
  }
  return lines.join('\n');
}

/** The codes that come with no domain code. */
export function requestErrorTable(): string {
  const lines = ['| `extensions.code` | meaning |', '| --- | --- |'];
  for (const [code, meaning] of Object.entries(REQUEST_ERRORS)) lines.push(`| \`${code}\` | ${cell(meaning)} |`);
  return lines.join('\n');
}

/** Everything between the markers: the request errors, then each lib's table under its name. */
export function errorTables(catalogues: Readonly<Record<string, ErrorCatalogue>>): string {
  const parts = ['Without `extensions.domainCode`:', '', requestErrorTable()];
  for (const [lib, catalogue] of Object.entries(catalogues)) {
    const count = Object.keys(catalogue).length;
    parts.push('', `\`libs/${lib}\` (${count} codes, \`libs/${lib}/src/${lib}.errors.ts\`):`, '', errorTable(catalogue));
  }
  return parts.join('\n');
}

/** The README with its generated error tables replaced by those made from the catalogues. */
export function withErrorTables(readme: string, catalogues: Readonly<Record<string, ErrorCatalogue>>): string {
  const [start, end] = ERROR_DOC_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README: the markers ${start} … ${end} are missing`);
  return `${readme.slice(0, from + start.length)}\n${errorTables(catalogues)}\n${readme.slice(to)}`;
}
