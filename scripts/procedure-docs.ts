// Writes the procedure README's generated tables (transitions, time limits) from the engine's
// data: `npm run docs:procedure` after changing a transition or a rule.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withGeneratedTables } from '@app/registry';

const path = join(__dirname, '..', 'libs', 'registry', 'src', 'procedure', 'README.md');
writeFileSync(path, withGeneratedTables(readFileSync(path, 'utf8')));
process.stdout.write(`Wrote ${path}\n`);
