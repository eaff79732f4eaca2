// Writes the README's error tables from the catalogues: `npm run docs:errors` after adding,
// changing or removing an error code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withErrorTables } from '@app/core';
import { ERROR_CATALOGUES } from './error-catalogues';

const path = join(__dirname, '..', 'README.md');
writeFileSync(path, withErrorTables(readFileSync(path, 'utf8'), ERROR_CATALOGUES));
process.stdout.write(`Wrote ${path}\n`);
