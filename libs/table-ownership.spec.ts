import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Each lib owns the tables its entities declare. A lib that reads or writes another lib's table
// (in SQL, or through that lib's entity) couples itself to a schema it does not control, and
// bypasses the owner's rules and locks; it calls the owner's public service instead. Only
// code is checked: specs may set up or inspect any table.

const ROOT = __dirname;
const LIBS = ['core', 'registry', 'notices', 'panels', 'hearings', 'rulings'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Reads of another lib's table kept on purpose, each with the number of times its file names the
 * table and why: a new one fails the test, and so does one removed without updating this list.
 */
const KEPT: readonly { file: string; table: string; times: number; why: string }[] = [
  {
    file: 'registry/src/disputes/disputes.service.ts',
    table: 'members (core)',
    times: 1,
    why: 'partiesLoader: the disputes list reads parties with their members in one statement (a budget e2e/registry/disputes.e2e-spec.ts holds)',
  },
  {
    file: 'rulings/src/reports/report-view.service.ts',
    table: 'roster_persons (panels)',
    times: 1,
    why: 'votesByReport: the votes come with the panelists names in one statement (a budget e2e/rulings/statements.e2e-spec.ts holds)',
  },
];

const isCode = (file: string) => !file.endsWith('.spec.ts') && !file.endsWith('.testing.ts');

interface Owned {
  lib: string;
  table: string;
  entity: string;
}

/** Every `@Entity('table') … class Name` in the libs, with the lib that declares it. */
function ownedTables(): Owned[] {
  const owned: Owned[] = [];
  for (const lib of LIBS) {
    for (const file of sources(join(ROOT, lib, 'src')).filter(isCode)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/@Entity\(\s*'(\w+)'[^)]*\)[\s\S]*?\bclass\s+(\w+)/g)) {
        owned.push({ lib, table: m[1], entity: m[2] });
      }
    }
  }
  return owned;
}

/**
 * The other libs' tables and entities a lib's code names, as `file: table`. SQL is written in
 * upper-case keywords in this code base, so only those count (prose "from members" does not).
 */
function violations(): string[] {
  const owned = ownedTables();
  const found: string[] = [];
  for (const lib of LIBS) {
    const foreign = owned.filter((o) => o.lib !== lib);
    const tables = new Map(foreign.map((o) => [o.table, o]));
    const entities = new Map(foreign.map((o) => [o.entity, o]));
    for (const file of sources(join(ROOT, lib, 'src')).filter(isCode)) {
      const at = relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+(?:ONLY\s+)?"?(\w+)"?/g)) {
        const other = tables.get(m[1]);
        if (other) found.push(`${at}: ${other.table} (${other.lib})`);
      }
      const repositoryCall =
        /\.(?:getRepository|find|findOne|findOneBy|findOneOrFail|findOneByOrFail|findBy|findAndCount|count|countBy|exists|existsBy|insert|update|upsert|delete|save|remove|create|createQueryBuilder|increment|decrement)\(\s*(\w+)\b/g;
      // Query-builder joins and selects naming an entity: `.innerJoin(X, 'x', …)`, `.leftJoinAndMapOne('a.b', X, …)`, `.from(X)`.
      const builderCall = /\.(?:(?:inner|left)Join\w*|from)\(\s*(?:'[^']*'\s*,\s*)?(\w+)\b/g;
      for (const m of [...text.matchAll(repositoryCall), ...text.matchAll(builderCall)]) {
        const other = entities.get(m[1]);
        if (other) found.push(`${at}: ${other.entity} (${other.lib}'s ${other.table})`);
      }
    }
  }
  for (const kept of KEPT) {
    const key = `${kept.file}: ${kept.table}`;
    const times = found.filter((f) => f === key).length;
    if (times !== kept.times) found.push(`${key}: named ${times} times, kept ${kept.times} (update KEPT)`);
  }
  const kept = new Set(KEPT.map((k) => `${k.file}: ${k.table}`));
  return [...new Set(found.filter((f) => !kept.has(f)))].sort();
}

describe('table ownership', () => {
  it('finds each lib’s tables and entities', () => {
    const owned = ownedTables();
    expect(owned).toEqual(
      expect.arrayContaining([
        { lib: 'core', table: 'members', entity: 'MemberEntity' },
        { lib: 'registry', table: 'disputes', entity: 'DisputeEntity' },
        { lib: 'registry', table: 'panel_seats', entity: 'PanelSeatEntity' },
        { lib: 'panels', table: 'roster_persons', entity: 'RosterPersonEntity' },
        { lib: 'hearings', table: 'hearings', entity: 'HearingEntity' },
        { lib: 'rulings', table: 'reports', entity: 'ReportEntity' },
      ]),
    );
    // A table declared by two libs would make ownership ambiguous.
    const tables = owned.map((o) => o.table);
    expect(tables.filter((t, i) => tables.indexOf(t) !== i)).toEqual([]);
  });

  it('no lib reads or writes another lib’s table, in SQL or through its entity', () => {
    expect(violations()).toEqual([]);
  });
});
