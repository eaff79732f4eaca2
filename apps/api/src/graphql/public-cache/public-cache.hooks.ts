import {
  CachedAnswer,
  PublicCache,
  ReadReplicas,
  answerKey,
  etagOf,
  ifNoneMatchMatches,
  negotiateRequestLanguage,
  sha256Hex,
} from '@app/core';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { passesPreflightCheck } from '../csrf';
import { withVary } from '../language.plugin';

/** What the hooks tell the plugin about an anonymous request, and the plugin answers. */
export interface PendingAnswer {
  readonly key: string;
  /** The version of the public data read after the request arrived and before it ran (null: none, not kept). */
  version?: bigint | null;
  /** Set by the plugin: a query, answered without errors, to nobody signed in. */
  cacheable?: boolean;
}

const PENDING = Symbol('publicAnswer');

/** The pending answer of a request (the plugin's side), if the hooks keyed it. */
export function pendingAnswerOf(req: object): PendingAnswer | undefined {
  return (req as { [PENDING]?: PendingAnswer })[PENDING];
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return Symbol.for('invalid');
  }
}

/**
 * The key of a request that may be answered from the cache, or null: anonymous (no Authorization
 * header, the only credential the API reads: cookies carry none), the query or its persisted
 * hash, its variables, and a working language it asked for (a fallback's notice names what was
 * asked: not kept).
 */
export function anonymousRequestKey(req: Pick<FastifyRequest, 'method' | 'headers' | 'query' | 'body'>, day: string): string | null {
  if (req.headers.authorization !== undefined) return null;
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return null;
  const variables = parsedJson(source.variables);
  const extensions = parsedJson(source.extensions) as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined;
  if (typeof variables === 'symbol' || typeof extensions === 'symbol') return null;
  if (source.operationName !== undefined && source.operationName !== null && typeof source.operationName !== 'string') return null;
  const persisted = extensions && typeof extensions === 'object' ? extensions.persistedQuery?.sha256Hash : undefined;
  // With the text, its own hash (a client cannot file an answer under another query's hash);
  // without it, the persisted hash, which Apollo resolves only to the text it was registered with.
  const queryHash =
    typeof source.query === 'string'
      ? sha256Hex(source.query)
      : typeof persisted === 'string' && SHA256_HEX.test(persisted)
        ? persisted.toLowerCase()
        : null;
  if (!queryHash) return null;
  const { language, unavailable } = negotiateRequestLanguage({ query: req.query, headers: req.headers, user: null });
  if (unavailable) return null;
  return answerKey({
    queryHash,
    operationName: (source.operationName as string | null) ?? null,
    variables: variables ?? {},
    language,
    day,
  });
}

/**
 * Headers of an answer any cache may keep: it may store it but must ask again each time
 * (`max-age=0, must-revalidate`), with the ETag, and gets a 304 once the version of the public
 * data is checked: a reverse proxy or CDN saves the body and its transfer, never the check, so no
 * one is served an answer a committed change made stale. `Vary`: the language, and Authorization
 * (a signed-in reader's answer differs).
 */
function setPublicHeaders(reply: FastifyReply, etag: string): void {
  reply.header('cache-control', 'public, max-age=0, must-revalidate');
  reply.header('etag', etag);
  reply.header('vary', withVary(withVary(reply.getHeader('vary') as string | undefined, 'Accept-Language'), 'Authorization'));
}

function serve(req: FastifyRequest, reply: FastifyReply, answer: CachedAnswer, cache: PublicCache): void {
  cache.counts.hits += 1;
  reply.header('content-language', answer.contentLanguage);
  setPublicHeaders(reply, answer.etag);
  if (ifNoneMatchMatches(req.headers['if-none-match'], answer.etag)) {
    cache.counts.notModified += 1;
    void reply.code(304).send();
    return;
  }
  void reply.code(200).header('content-type', 'application/json; charset=utf-8').send(answer.body);
}

/**
 * A `preHandler` hook of the GraphQL route, before Apollo (README, "Public reads from a cache"):
 * an anonymous request whose answer is kept, at the version the database holds now, is answered
 * here; any other goes on to Apollo, and an anonymous one has its answer kept on the way out
 * (publicAnswerCapture) if the plugin found it cacheable. Every other answer says
 * `Cache-Control: private, no-store`.
 */
export function publicCacheHook(cache: PublicCache) {
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (req.method !== 'GET' && req.method !== 'POST') return done();
    reply.header('cache-control', 'private, no-store');
    if (!cache.answers.enabled) return done();
    const key = anonymousRequestKey(req, cache.today());
    if (!key) return done();
    const pending: PendingAnswer = { key };
    (req as { [PENDING]?: PendingAnswer })[PENDING] = pending;
    const answer = cache.answers.get(key);
    // A request Apollo would refuse as a possible CSRF is refused there, as always.
    if (!answer || !passesPreflightCheck(req.headers)) {
      cache.counts.misses += 1;
      return done();
    }
    cache.currentVersion().then(
      (version) => {
        if (version === answer.version) return serve(req, reply, answer, cache);
        cache.counts.misses += 1;
        // Read after the request arrived: the version its answer will be kept at.
        pending.version = version;
        done();
      },
      (error: unknown) => done(error as Error),
    );
  };
}

/**
 * An `onSend` hook of the GraphQL route: Apollo's answer to an anonymous request, kept when the
 * plugin found it cacheable, with the headers any cache may keep it under; a 304 when the client
 * has it already.
 */
export function publicAnswerCapture(cache: PublicCache) {
  return (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void): void => {
    const pending = pendingAnswerOf(req);
    if (
      !pending?.cacheable ||
      pending.version === undefined ||
      pending.version === null ||
      reply.statusCode !== 200 ||
      typeof payload !== 'string'
    )
      return done(null, payload);
    // Kept once: a later send of the same request (none today) must not file it again.
    pending.cacheable = false;
    const buffer = Buffer.from(payload);
    const answer: CachedAnswer = {
      version: pending.version,
      body: buffer,
      etag: etagOf(buffer),
      contentLanguage: String(reply.getHeader('content-language') ?? ''),
    };
    cache.answers.set(pending.key, answer);
    cache.counts.stored += 1;
    setPublicHeaders(reply, answer.etag);
    if (!ifNoneMatchMatches(req.headers['if-none-match'], answer.etag)) return done(null, payload);
    cache.counts.notModified += 1;
    reply.code(304);
    done(null, '');
  };
}

/**
 * Opens the scope in which an anonymous request's reads may go to a read replica (README, "Running
 * on several machines"); the plugin names the replica once the operation is a query and the
 * version of the public data is read. A request with any Authorization header reads on the primary.
 */
export function readReplicaScope(replicas: ReadReplicas) {
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!replicas.enabled || req.headers.authorization !== undefined) return done();
    replicas.scope(done);
  };
}
