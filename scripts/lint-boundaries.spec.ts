// The libs' boundaries (eslint.config.mjs, eslint/lib-boundaries.mjs) are only worth something if
// they fail: this lints small files placed where a violation would be and expects the error, and
// lints allowed imports and expects nothing. ESLint runs in a node process of its own, with the
// repository's real config: jest cannot load an ES module config inside its sandbox.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Finding {
  rule: string | null;
  messageId?: string;
  message: string;
}

const LINT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
const cases = JSON.parse(readFileSync(0, 'utf8'));
// The boundary rule needs no types: the type-aware rules are switched off here, since building
// a program for every snippet (none of them on disk) takes minutes.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});
const found = [];
for (const { file, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: file });
  found.push(result.messages.map((m) => ({ rule: m.ruleId, messageId: m.messageId, message: m.message })));
}
process.stdout.write(JSON.stringify(found));
`;

/** Lints each snippet as if it were the file at that path (relative to the repository). */
function lint(cases: readonly { file: string; code: string }[]): Finding[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT], {
    cwd: ROOT,
    input: JSON.stringify(cases.map(({ file, code }) => ({ file: join(ROOT, file), code }))),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Finding[][];
}

// [where, what it imports, the boundary error expected]
const VIOLATIONS: readonly [string, string, string][] = [
  // Into a lib by path, from outside it: scripts, bench, e2e, apps, another lib.
  ['scripts/example.ts', "export { totpCode } from '../libs/core/src/auth/totp';", 'pathIntoLib'],
  ['bench/example.ts', "export const load = () => import('../libs/core/src/auth/jwt-settings');", 'pathIntoLib'],
  ['e2e/setup/example.ts', "export const roles = require('../../libs/core/src/database/database-roles');", 'pathIntoLib'],
  ['apps/api/src/example.ts', "export { loadConfig } from 'libs/core/src/config/app-config';", 'pathIntoLib'],
  ['libs/panels/src/elections/example.ts', "export { DisputeEntity } from '../../../registry/src/disputes/dispute.entity';", 'pathIntoLib'],
  ['e2e/setup/global-setup.ts', "export { totpCode } from '../../libs/core/src/auth/totp';", 'pathIntoLib'],
  ['e2e/setup/global-teardown.ts', "export { DisputeEntity } from '../../libs/registry/src/disputes/dispute.entity';", 'pathIntoLib'],
  ['e2e/setup/other.ts', "export { quoteIdent } from '../../libs/core/src/database/embedded-postgres';", 'pathIntoLib'],
  [
    'migrations/example.ts',
    "import type { UserEntity } from '../libs/core/src/users/user.entity';\nexport type U = UserEntity;",
    'pathIntoLib',
  ],
  [
    'e2e/registry/example.e2e-spec.ts',
    "export { ClosedDaysService } from '../../libs/registry/src/closed-days/closed-days.service';",
    'pathIntoLib',
  ],
  ['bench/dataset/example.ts', "export const registry = require('../../libs/registry/src');", 'pathIntoLib'],
  // Deep through the alias, from a lib and from e2e, bench and scripts.
  ['libs/panels/src/example.ts', "export { totpCode } from '@app/core/auth/totp';", 'deepImport'],
  ['e2e/example.e2e-spec.ts', "export { DocketEntryEntity } from '@app/registry/docket/docket-entry.entity';", 'deepImport'],
  ['bench/example.ts', "export { count } from '@app/stv/count';", 'deepImport'],
  ['scripts/example.ts', "export { DEADLINE_RULES } from '@app/procedure/deadline-rules';", 'deepImport'],
  // Against the direction.
  ['libs/core/src/example.ts', "export { DisputesService } from '@app/registry';", 'direction'],
  ['libs/registry/src/example.ts', "export { RosterService } from '@app/panels';", 'direction'],
  ['libs/registry/src/example.ts', "export { ALL_MIGRATIONS } from '@app/migrations';", 'direction'],
  ['libs/rulings/src/example.ts', "export { TimetableService } from '@app/hearings';", 'direction'],
  ['libs/panels/src/example.ts', "export { HearingsModule } from '@app/hearings';", 'direction'],
  ['libs/hearings/src/example.ts', "export { count } from '@app/stv';", 'direction'],
  ['libs/core/src/example.ts', "export { decide } from '@app/procedure';", 'direction'],
  // The pure folders, today's and tomorrow's: no framework, no lib, nothing outside themselves.
  ['libs/registry/src/procedure/example.ts', "export { Injectable } from '@nestjs/common';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { Entity } from 'typeorm';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { GraphQLError } from 'graphql';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { IsString } from 'class-validator';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { Transform } from 'class-transformer';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export type { Request } from 'express';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export type { FastifyRequest } from 'fastify';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { Client } from 'pg';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { Clock } from '@app/core';", 'pureImport'],
  ['libs/registry/src/procedure/example.ts', "export { DeadlineEntity } from '../deadlines/deadline.entity';", 'pureEscape'],
  ['libs/panels/src/count/example.ts', "export const orm = require('typeorm');", 'pureImport'],
  ['libs/procedure/src/example.ts', "export { Module } from '@nestjs/common';", 'pureImport'],
  ['libs/procedure/src/example.ts', "export { Clock } from '@app/core';", 'pureImport'],
  ['libs/stv/src/example.ts', "import type { Field } from '@nestjs/graphql';\nexport type F = typeof Field;", 'pureImport'],
  ['libs/stv/src/example.ts', "export { Pool } from 'pg';", 'pureImport'],
  ['libs/stv/src/example.ts', "export { decide } from '@app/procedure';", 'pureImport'],
];

const ALLOWED: readonly [string, string][] = [
  ['libs/registry/src/example.ts', "export { Clock } from '@app/core';\nexport { decide } from '@app/procedure';"],
  [
    'libs/panels/src/example.ts',
    "export * from '@app/core';\nexport * from '@app/registry';\nexport * from '@app/stv';\nexport * from '@app/procedure';",
  ],
  ['libs/hearings/src/example.ts', "export * from '@app/core';\nexport * from '@app/registry';\nexport * from '@app/panels';"],
  ['libs/rulings/src/example.ts', "export * from '@app/core';\nexport * from '@app/registry';"],
  [
    'libs/core/src/users/dto/example.ts',
    "export { ConnectionArgs } from '../../graphql/pagination';\nexport { Injectable } from '@nestjs/common';",
  ],
  ['libs/registry/src/procedure/example.ts', "export { STAGES } from './stages';\nexport { createHash } from 'node:crypto';"],
  ['libs/registry/src/procedure/example.spec.ts', "import fc from 'fast-check';\nexport const arbitrary = fc.integer();"],
  ['libs/stv/src/example.ts', "export { count } from './count';"],
  ['libs/procedure/src/example.ts', "export { STAGES } from './stages';"],
  ['apps/api/src/example.ts', "export * from '@app/rulings';\nexport * from '@app/migrations';"],
  ['scripts/example.ts', "export { totpCode } from '@app/core';\nexport const stv = () => import('@app/stv');"],
  ['bench/example.ts', "export { createApiApp } from '../apps/api/src/bootstrap';\nexport const registry = () => import('@app/registry');"],
  ['e2e/setup/global-setup.ts', "export { quoteIdent } from '../../libs/core/src/database/embedded-postgres';"],
  ['e2e/setup/example.ts', "export { withDatabase } from './test-database';\nexport { DocketEntryEntity } from '@app/registry';"],
];

describe('the boundaries between the libs (eslint)', () => {
  const results = lint([...VIOLATIONS.map(([file, code]) => ({ file, code })), ...ALLOWED.map(([file, code]) => ({ file, code }))]);

  it.each(VIOLATIONS.map((row, index) => [...row, index] as const))('%s: %s fails (%s)', (_file, _code, messageId, index) => {
    const boundaries = results[index].filter((finding) => finding.rule === 'local/lib-boundaries');
    expect(boundaries.map((finding) => finding.messageId)).toEqual([messageId]);
  });

  it.each(ALLOWED.map((row, index) => [...row, VIOLATIONS.length + index] as const))('%s: %s passes', (_file, _code, index) => {
    expect(results[index]).toEqual([]);
  });

  it('names the lib to import instead', () => {
    const [finding] = results[0];
    expect(finding.message).toBe(
      "'../libs/core/src/auth/totp' reaches into libs/core by path: import '@app/core' (its src/index.ts) instead.",
    );
  });
});
