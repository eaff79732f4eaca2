import { plainToInstance, Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { ROLES, type Role } from '../auth/actor';
import { parseSigningKey } from '../audit/audit-keys';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
// `silent`: no line at all (the tests' default, README "Operations").
export const LOG_LEVELS = ['silent', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Connections in the database pool of an API process (DatabaseModule's default): a streamed upload
 * holds one for as long as its body takes to arrive, so UPLOAD_CONCURRENCY is counted against it.
 */
export const API_POOL_SIZE = 10;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
// A yes or a no, anything else left as it is for the validator to refuse.
const toYesNo = ({ value }: { value: unknown }) => {
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value;
};

/**
 * Every setting the processes read, validated once at boot. Nothing outside this folder reads
 * `process.env`; everything else injects {@link AppConfig}.
 */
@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZoneName implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone name, e.g. Asia/Shanghai or Europe/Geneva';
  }
}

@ValidatorConstraint({ name: 'listenAddress' })
class IsListenAddress implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && (value === 'localhost' || isIP(value) !== 0);
  }

  defaultMessage(): string {
    return 'must be an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface) or localhost';
  }
}

// A comma-separated list, as a list of trimmed items ('none' or nothing: the empty list).
const toList = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (value.trim().toLowerCase() === 'none') return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
};

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range or one of Express's names for a range (proxy-addr). */
export function isProxyAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (PROXY_NAMES.includes(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

@ValidatorConstraint({ name: 'proxyList' })
class IsProxyList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every(isProxyAddress);
  }

  defaultMessage(): string {
    return `must be a comma-separated list of IP addresses or CIDR ranges (10.0.0.0/8, ::1), or ${PROXY_NAMES.join(', ')}`;
  }
}

/** The bytes of a 256-bit key given as 64 hexadecimal digits or in base64 (or base64url). */
export function keyBytes(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

@ValidatorConstraint({ name: 'key256' })
class IsKey256 implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && keyBytes(value) !== null;
  }

  defaultMessage(): string {
    return 'must be 32 random bytes, in base64 (openssl rand -base64 32) or as 64 hexadecimal digits';
  }
}

// Settings whose value a refusal must not print: a secret shows its length, a key nothing.
const SECRETS = ['JWT_SECRET', 'MFA_ENCRYPTION_KEY', 'BALLOT_SECRET', 'METRICS_TOKEN', 'S3_SECRET_ACCESS_KEY'];
// SMTP_URL and DATABASE_READ_URLS may carry a password (smtp://user:password@host): never echoed either.
const KEYS = ['AUDIT_SIGNING_KEY', 'SMTP_URL', 'DATABASE_READ_URLS'];

/** Why an SMTP_URL is refused, or null when it is a usable smtp:// or smtps:// URL with a host. */
export function smtpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as smtp://user:password@mail.example.org:587 or smtps://mail.example.org:465';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return `must start with smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start), not ${url.protocol}//`;
  }
  if (!url.hostname) return 'names no mail server host (smtp://host:port)';
  return null;
}

@ValidatorConstraint({ name: 'smtpUrl' })
class IsSmtpUrl implements ValidatorConstraintInterface {
  private problem = 'must be an smtp:// or smtps:// URL';

  validate(value: unknown): boolean {
    const problem = typeof value === 'string' ? smtpUrlProblem(value) : 'must be an smtp:// or smtps:// URL';
    if (problem) this.problem = problem;
    return problem === null;
  }

  defaultMessage(): string {
    return this.problem;
  }
}

// "Name <address@host>" or a bare address: the sender of the notices' mails.
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;

// A comma-separated list of whole numbers of days, largest first, without repeats ('none': no reminder).
const toDays = ({ value }: { value: unknown }) => {
  const list = toList({ value });
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && /^\d{1,3}$/.test(item))) return list;
  return [...new Set(list.map(Number))].sort((a, b) => b - a);
};

@ValidatorConstraint({ name: 'ed25519PrivateKey' })
class IsEd25519PrivateKey implements ValidatorConstraintInterface {
  private problem = 'must be an Ed25519 private key';

  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      parseSigningKey(value);
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(): string {
    return this.problem;
  }
}

export class AppConfig {
  @IsIn(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be between 0 and 65535' })
  @Max(65535, { message: 'must be between 0 and 65535' })
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'log';

  /** Access tokens live at most 15 minutes. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(30, { message: 'must be at least 30 seconds' })
  @Max(900, { message: 'must be at most 900 seconds (15 minutes)' })
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(90, { message: 'must be at most 90 days' })
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Where `npm start` keeps the embedded PostgreSQL and the generated secret. */
  @IsString()
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  EMBEDDED_PG_PORT = 54329;

  /**
   * How often the worker sweeps (elections due to close, time limits that ran out, automatic
   * steps). A minute suits the rules, which count in days; a shorter interval closes an election
   * closer to its closing time. However many workers run, one sweep is queued per interval.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1, { message: 'must be between 1 and 60 seconds' })
  @Max(60, { message: 'must be between 1 and 60 seconds' })
  SWEEP_INTERVAL_SECONDS = 60;

  /** Introspection is on outside production; in production only when this says so. */
  @IsOptional()
  @Transform(toYesNo)
  @IsBoolean({ message: 'must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  /**
   * Whether the API process forks the worker beside itself (README, Architecture). Off where the worker runs
   * as a process of its own (`node dist/apps/worker/src/main.js`), e.g. beside several API
   * processes on one database.
   */
  @Transform(toYesNo)
  @IsBoolean({ message: 'must be true or false' })
  START_WORKER = true;

  /**
   * API processes on one port (node's cluster, README "Operations"): by default one per core the
   * process may use; 1 runs the single process of before, with no cluster. The worker stays one.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of processes' })
  @Min(1, { message: 'must be between 1 and 256' })
  @Max(256, { message: 'must be between 1 and 256' })
  WEB_CONCURRENCY = availableParallelism();

  /**
   * Largest file carried base64-encoded in a GraphQL request, in bytes (25 MB by default): the
   * request body is held in memory whole, so a larger file is streamed to POST /uploads.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1, { message: 'must be positive' })
  MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

  /** Largest document, in bytes (2 GB by default): a streamed upload past it is refused, nothing kept. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1, { message: 'must be positive' })
  DOCUMENT_MAX_BYTES = 2 * 1024 * 1024 * 1024;

  /** Where documents' bytes are kept: `postgres` (in chunks, the default) or `s3` (the S3_* settings). */
  @IsIn(['postgres', 's3'], { message: 'must be postgres or s3' })
  DOCUMENT_STORAGE: 'postgres' | 's3' = 'postgres';

  /** DOCUMENT_STORAGE=s3: the endpoint of an S3-compatible store (none: AWS's for S3_REGION). */
  @IsOptional()
  @IsString()
  S3_ENDPOINT?: string;

  /** DOCUMENT_STORAGE=s3: the bucket, which must exist. */
  @ValidateIf((config: AppConfig) => config.DOCUMENT_STORAGE === 's3')
  @IsString({ message: 'is required with DOCUMENT_STORAGE=s3' })
  @MinLength(3, { message: 'is required with DOCUMENT_STORAGE=s3' })
  S3_BUCKET?: string;

  /** DOCUMENT_STORAGE=s3: the region. */
  @IsString()
  S3_REGION = 'us-east-1';

  /** DOCUMENT_STORAGE=s3: the credentials (none: the AWS SDK's own chain, e.g. an instance role). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** DOCUMENT_STORAGE=s3: path-style addresses (`endpoint/bucket/key`), as most S3-compatible servers need. */
  @Transform(toYesNo)
  @IsBoolean({ message: 'must be true or false' })
  S3_FORCE_PATH_STYLE = false;

  /** How long an upload waits for the filing that takes it before it is purged, in hours. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of hours' })
  @Min(1, { message: 'must be at least 1 hour' })
  UPLOAD_TTL_HOURS = 24;

  /**
   * Uploads (POST /uploads) one API process receives at once: each holds a connection of the pool
   * until its last byte is stored, so a few slow clients could otherwise take every connection and
   * stall the whole API. A quarter of the pool by default; past it an upload is refused at once
   * (UPLOADS_BUSY, 503 with Retry-After), none of its body read.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of uploads' })
  @Min(1, { message: `must be between 1 and ${API_POOL_SIZE} (the connections of an API process's database pool)` })
  @Max(API_POOL_SIZE, { message: `must be between 1 and ${API_POOL_SIZE} (the connections of an API process's database pool)` })
  UPLOAD_CONCURRENCY = Math.max(1, Math.floor(API_POOL_SIZE / 4));

  /**
   * How long an upload may go without receiving a byte before it is abandoned (its connection to
   * the client closed, nothing of it kept): a client gone silent does not hold a connection of the
   * pool, nor a place among UPLOAD_CONCURRENCY, until the TCP stack gives up on it.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(1, { message: 'must be between 1 and 3600 seconds' })
  @Max(3600, { message: 'must be between 1 and 3600 seconds' })
  UPLOAD_IDLE_TIMEOUT_SECONDS = 60;

  /**
   * The body's rules of procedure for its meetings: a decision (establishment, adoption,
   * authorisation, ...) counts only at a meeting convened at least this many days ahead (DSU 6.1,
   * footnote 5 gives 10 days' notice of a meeting on a panel request).
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of days' })
  @Min(0, { message: 'must be between 0 and 60 days' })
  @Max(60, { message: 'must be between 0 and 60 days' })
  BODY_MEETING_NOTICE_DAYS = 10;

  /** The share of the body's members, in percent, that must be present for it to decide. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole percentage' })
  @Min(1, { message: 'must be between 1 and 100' })
  @Max(100, { message: 'must be between 1 and 100' })
  BODY_QUORUM_PERCENT = 50;

  /**
   * The body's time zone (an IANA name such as Asia/Shanghai or Europe/Geneva): days, the end of a
   * day and closed days are counted in it, so a limit due on a day runs out at midnight where the
   * body sits, not at midnight UTC.
   */
  @Validate(IsTimeZoneName)
  BODY_TIME_ZONE = 'UTC';

  /** The shortest voting period of a panel election, in days: members need time to consider. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be between 1 and 60 days' })
  @Max(60, { message: 'must be between 1 and 60 days' })
  ELECTION_MIN_VOTING_DAYS = 7;

  /**
   * The address the API listens on: an IPv4 or IPv6 address, or `localhost`. Unset, 127.0.0.1
   * outside production (this machine only); production requires it, so that listening on every
   * interface (`0.0.0.0` or `::`, as in a container) is a decision (see {@link listenHost}).
   */
  @IsOptional()
  @Validate(IsListenAddress)
  HOST: string | undefined = undefined;

  /**
   * The secret from which each election's ballot key is derived (libs/panels/README.md, Ballot
   * secrecy): ballots are sealed to the election's public key at the cast and opened only at the
   * close. Required in production; in development generated into `DATA_DIR/ballot-secret`; in
   * tests a random one per process unless given. Every process of a deployment (API, worker)
   * needs the same one, and an election opened with one is counted only with it.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.BALLOT_SECRET !== undefined)
  @MinLength(32, { message: 'must be at least 32 characters' })
  @IsString({ message: 'is required when NODE_ENV=production (at least 32 characters)' })
  BALLOT_SECRET?: string;

  /**
   * The fewest ballots for which an election's individual ballots (its BLT file and the stages of
   * the count) are published: with fewer, a ballot is too easily tied to the few members who voted.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of ballots' })
  @Min(1, { message: 'must be between 1 and 1000' })
  @Max(1000, { message: 'must be between 1 and 1000' })
  BALLOT_PUBLICATION_MIN = 5;

  /**
   * The proxies in front of the API whose `X-Forwarded-For` is believed (README, Sign-in). By
   * default none: the address of the connection is the client's, whatever headers it sends, so
   * that no client can pick the address its sign-ins and expensive queries are counted against.
   */
  @Transform(toList)
  @Validate(IsProxyList)
  TRUSTED_PROXIES: string[] = [];

  /**
   * The roles that must sign in with a second factor (TOTP): a user of such a role without one
   * may sign in only to enrol one. `none` for no role; the others may enrol one if they wish.
   */
  @Transform(toList)
  @IsArray({ message: 'must be a comma-separated list of roles' })
  @IsIn(ROLES, { each: true, message: `must be a comma-separated list of ${ROLES.join(', ')}, or none` })
  MFA_REQUIRED_ROLES: Role[] = ['SECRETARIAT'];

  /**
   * The key that encrypts the TOTP secrets at rest (AES-256-GCM): 32 bytes in base64 or hex.
   * Required in production; elsewhere, without it, one is generated under DATA_DIR.
   */
  @IsOptional()
  @Validate(IsKey256)
  MFA_ENCRYPTION_KEY: string | undefined = undefined;

  /**
   * The role that owns the schema, for migrations only (`postgres://…`). The application itself
   * connects with DATABASE_URL as a role that owns nothing and may not rewrite the audit trail;
   * after migrating, the owner grants that role what it needs (README, "Running against your own
   * PostgreSQL"). Unset: migrations run with DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_OWNER_URL?: string;

  /**
   * Read replicas (hot standbys of DATABASE_URL's server, as the same role), comma-separated: the
   * API sends anonymous queries' reads there once a replica has replayed the public data's current
   * version, and everything else to the primary (README, "Running on several machines").
   */
  @Transform(toList)
  @IsArray({ message: 'must be a comma-separated list of postgres:// URLs' })
  @Matches(/^postgres(ql)?:\/\/[^\s,]+$/, { each: true, message: 'must be a comma-separated list of postgres:// or postgresql:// URLs' })
  DATABASE_READ_URLS: string[] = [];

  /**
   * The Ed25519 key that signs the audit trail's records and checkpoints (a PKCS8 PEM, or the
   * base64 of its DER); never stored in the database. Required in production; in development
   * generated into DATA_DIR on first start.
   */
  @IsOptional()
  @Validate(IsEd25519PrivateKey)
  AUDIT_SIGNING_KEY?: string;

  /**
   * The mail server the worker sends notices through (README, "Notices by e-mail"):
   * `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://host:465`. Unset outside
   * production, `npm start` runs a local mail catcher and uses it; unset in production, notices are
   * kept and not mailed (a warning at start) until it is set.
   */
  @IsOptional()
  @Validate(IsSmtpUrl)
  SMTP_URL: string | undefined = undefined;

  /** The sender of the notices' mails: `Name <address>` or an address. */
  @Matches(MAIL_FROM_PATTERN, { message: 'must be an address (registry@example.org) or Name <registry@example.org>' })
  MAIL_FROM = 'Dispute Settlement Body <registry@localhost>';

  /** Port of the local mail catcher of `npm start` without SMTP_URL (127.0.0.1 only); 0: any free port. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be between 0 and 65535' })
  @Max(65535, { message: 'must be between 0 and 65535' })
  MAIL_CATCHER_PORT = 1025;

  /** Live docket connections (graphql-ws) one API process holds at once; past it a new one is closed with 1013. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be between 1 and 100000' })
  @Max(100_000, { message: 'must be between 1 and 100000' })
  LIVE_MAX_CONNECTIONS = 1000;

  /** Answers to anonymous queries one API process keeps (README, "Public reads from a cache"); 0 turns the cache off. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be between 0 and 1000000' })
  @Max(1_000_000, { message: 'must be between 0 and 1000000' })
  PUBLIC_CACHE_ENTRIES = 5000;

  /** The bytes of answer bodies one API process keeps in that cache, at most. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be between 0 and 4294967296' })
  @Max(4 * 1024 ** 3, { message: 'must be between 0 and 4294967296' })
  PUBLIC_CACHE_BYTES = 64 * 1024 * 1024;

  /**
   * The address of the API as its users reach it (`https://dsb.example.org`), for the links in
   * mails (documents' downloads); unset, `http://localhost:PORT`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'must be an http:// or https:// URL without query, e.g. https://dsb.example.org',
  })
  PUBLIC_URL: string | undefined = undefined;

  /**
   * How many days before a limit is due a party is reminded of it (from the start of that day in
   * the recipient's time zone): comma-separated whole days from 1 to 60, or `none`.
   */
  @Transform(toDays)
  @IsArray({ message: 'must be a comma-separated list of whole days, e.g. 7,1, or none' })
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 7,1, or none' })
  @Min(1, { each: true, message: 'must list days from 1 to 60' })
  @Max(60, { each: true, message: 'must list days from 1 to 60' })
  REMINDER_DAYS: number[] = [7, 1];

  /**
   * A training sandbox (README, "Training sandbox"): the secretariat may move the clock forward
   * (advanceClock) and everything is marked as a sandbox. Refused with NODE_ENV=production: a
   * register whose clock can be moved is no record of anything.
   */
  @Transform(toYesNo)
  @IsBoolean({ message: 'must be true or false' })
  SANDBOX = false;

  /**
   * The bearer token Prometheus sends to read `GET /metrics` (README, "Operations"). Unset (and
   * without METRICS_ALLOW_LOCAL), /metrics does not exist: it answers 404.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN: string | undefined = undefined;

  /** Serves `/metrics` without the token to requests from this machine that no proxy forwarded. */
  @Transform(toYesNo)
  @IsBoolean({ message: 'must be true or false' })
  METRICS_ALLOW_LOCAL = false;

  /**
   * The port of the worker's own `/metrics` (it serves no HTTP otherwise), on 127.0.0.1 unless HOST
   * says otherwise; the same METRICS_TOKEN and METRICS_ALLOW_LOCAL guard it. Unset: no listener.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0, { message: 'must be between 0 and 65535' })
  @Max(65535, { message: 'must be between 0 and 65535' })
  WORKER_METRICS_PORT: number | undefined = undefined;

  /** The base of links in mails: PUBLIC_URL, else this machine's API. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get introspection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }
}

/** A configuration problem, phrased as one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * The configuration of a process entry point (API, worker): a bad value stops the process with the
 * one line naming the variable, not a stack trace.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Builds and validates the configuration from an environment. Throws a {@link ConfigError}
 * naming the first bad variable, so a bad deployment stops with one readable line.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'JWT_SECRET', 'GRAPHQL_INTROSPECTION', 'DATABASE_OWNER_URL', 'AUDIT_SIGNING_KEY']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const got = KEYS.includes(first.property)
      ? ''
      : ` (got ${SECRETS.includes(first.property) ? `${String(first.value).length} characters` : `"${String(first.value)}"`})`;
    throw new ConfigError(first.property, `${message}${got}`);
  }
  if (config.isProduction && !config.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (config.isProduction && !config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL', 'is required when NODE_ENV=production');
  }
  if (config.isProduction && !config.MFA_ENCRYPTION_KEY) {
    throw new ConfigError('MFA_ENCRYPTION_KEY', 'is required when NODE_ENV=production');
  }
  if (config.isProduction && !config.AUDIT_SIGNING_KEY) {
    throw new ConfigError('AUDIT_SIGNING_KEY', 'is required when NODE_ENV=production');
  }
  if (config.isProduction && config.SANDBOX) {
    throw new ConfigError(
      'SANDBOX',
      "must not be true when NODE_ENV=production: a sandbox's clock can be moved, so nothing in it is a record",
    );
  }
  return config;
}

/** Where the API listens when HOST is not set, outside production. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * The address the API process listens on: HOST, else 127.0.0.1 outside production. Production
 * requires HOST (only the process that listens: the worker and the scripts do not need it), so
 * that a deployment says whether it listens on every interface.
 */
export function listenHost(config: AppConfig): string {
  if (config.HOST) return config.HOST;
  if (config.isProduction) {
    throw new ConfigError(
      'HOST',
      'is required when NODE_ENV=production: 0.0.0.0 (or ::) to listen on every interface, e.g. in a container, or the address of the interface your proxy reaches, e.g. 127.0.0.1',
    );
  }
  return DEFAULT_HOST;
}
