import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
// JSON with object keys sorted, so `{a, b}` and `{b, a}` are one key (the audit chain's own canonical form).
import { canonicalJson } from '../audit/audit-chain';

/**
 * The pure half of the cache of public answers (README, "Public reads from a cache"): what an
 * anonymous GraphQL request is keyed by, the answers kept in a bounded LRU with the version of the
 * public data each was computed at, ETags, and one database read shared by the requests waiting
 * for it. No framework, no database: PublicCache (beside it), the API's middleware and plugin and
 * the public pages (SitePages) do the I/O.
 */

/** What an anonymous answer depends on, and nothing else. */
export interface AnswerKeyParts {
  /** SHA-256 (hex) of the query text: the hash automatic persisted queries name it by. */
  queryHash: string;
  operationName: string | null;
  variables: unknown;
  /** The negotiated language code (never the raw header: the key space stays bounded). */
  language: string;
  /** The day by the clock (YYYY-MM-DD): an answer that counts days from today is kept that day only. */
  day: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The key of an answer: every part on its own line (a query hash and a language hold no newline). */
export function answerKey(parts: AnswerKeyParts): string {
  return `${parts.day}\n${parts.language}\n${parts.queryHash}\n${JSON.stringify(parts.operationName)}\n${canonicalJson(parts.variables ?? {})}`;
}

/** A strong ETag of a body: its SHA-256, base64url. The body includes its language (extensions.language). */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** Whether `If-None-Match` names the ETag (weak comparison, as RFC 9110 asks for this header). */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** One kept answer: the exact bytes Apollo sent, and the version of the public data it was read at. */
export interface CachedAnswer {
  readonly version: bigint;
  readonly body: Buffer;
  readonly etag: string;
  readonly contentLanguage: string;
}

export interface PublicAnswersOptions {
  maxEntries: number;
  maxBytes: number;
}

// What an entry costs beyond its body and key: the entry, the LRU's slots, the ETag.
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * The answers of one process, least recently used first out, bounded in entries and in bytes (an
 * answer larger than the whole budget is not kept). An answer is valid only while the public data
 * is still at its version: `floor` is the newest version this process has heard of (NOTIFY), and
 * an answer older than it is gone; the caller still compares a hit with the database's version.
 */
export class PublicAnswers {
  private readonly lru: LRUCache<string, CachedAnswer> | null;
  private floorVersion = 0n;

  constructor(options: PublicAnswersOptions) {
    this.lru =
      options.maxEntries > 0 && options.maxBytes > 0
        ? new LRUCache<string, CachedAnswer>({
            max: options.maxEntries,
            maxSize: options.maxBytes,
            sizeCalculation: (answer, key) => answer.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES,
          })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  get floor(): bigint {
    return this.floorVersion;
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.lru?.get(key);
    if (answer && answer.version < this.floorVersion) {
      this.lru!.delete(key);
      return undefined;
    }
    return answer;
  }

  set(key: string, answer: CachedAnswer): void {
    if (!this.lru || answer.version < this.floorVersion) return;
    if (answer.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES > this.lru.maxSize) return;
    this.lru.set(key, answer);
  }

  delete(key: string): void {
    this.lru?.delete(key);
  }

  /** The public data reached `version`: every answer read before it is dropped, now. */
  advance(version: bigint): void {
    if (version <= this.floorVersion) return;
    this.floorVersion = version;
    if (!this.lru) return;
    for (const [key, answer] of this.lru.entries()) if (answer.version < version) this.lru.delete(key);
  }
}

/**
 * One read shared by whoever asks while it is on its way, yet never older than the asking:
 * `fresh()` resolves with the result of a read that started after it was called. A caller that
 * arrives while a read is running waits for the next one, which starts when the running one ends
 * and serves every caller that arrived meanwhile; so at most one read runs at a time, however
 * many requests ask, and each still sees every commit that preceded it.
 */
export class CoalescedRead<T> {
  private running: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  fresh(): Promise<T> {
    if (this.queued) return this.queued;
    if (!this.running) return this.launch();
    const after = this.running.then(
      () => undefined,
      () => undefined,
    );
    this.queued = after.then(() => {
      this.queued = null;
      return this.launch();
    });
    return this.queued;
  }

  private launch(): Promise<T> {
    const running = this.read().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}
