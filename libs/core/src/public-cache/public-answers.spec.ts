import { canonicalJson } from '../audit/audit-chain';
import { CachedAnswer, CoalescedRead, PublicAnswers, answerKey, etagOf, ifNoneMatchMatches } from './public-answers';

const parts = { queryHash: 'a'.repeat(64), operationName: null, variables: { id: '1' }, language: 'en', day: '2026-03-02' };
const answer = (version: bigint, size = 10): CachedAnswer => {
  const body = Buffer.alloc(size, 'x');
  return { version, body, etag: etagOf(body), contentLanguage: 'en' };
};

describe('the key of a public answer', () => {
  it('does not depend on the order of the variables', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(answerKey({ ...parts, variables: { a: 1, b: 2 } })).toBe(answerKey({ ...parts, variables: { b: 2, a: 1 } }));
    expect(answerKey({ ...parts, variables: {} })).toBe(answerKey({ ...parts, variables: undefined }));
  });

  it('changes with the query, the operation, each variable, the language and the day', () => {
    const key = answerKey(parts);
    for (const other of [
      { queryHash: 'b'.repeat(64) },
      { operationName: 'Page' },
      { variables: { id: '2' } },
      { variables: { id: 1 } },
      { variables: { id: '1', first: 10 } },
      { language: 'fr' },
      { day: '2026-03-03' },
    ]) {
      expect(answerKey({ ...parts, ...other })).not.toBe(key);
    }
  });

  it('cannot be forged across parts with a newline', () => {
    expect(answerKey({ ...parts, operationName: 'A', variables: {} })).not.toBe(
      answerKey({ ...parts, operationName: null, variables: 'A\n{}' }),
    );
  });
});

describe('ETags', () => {
  it('are the hash of the body, and If-None-Match finds them in a list, weak or strong', () => {
    const etag = etagOf(Buffer.from('{"data":{}}'));
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(etagOf(Buffer.from('{"data":{}}'))).toBe(etag);
    expect(etagOf(Buffer.from('{"data":{"a":1}}'))).not.toBe(etag);
    expect(ifNoneMatchMatches(etag, etag)).toBe(true);
    expect(ifNoneMatchMatches(`"other", W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches('"other"', etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
  });
});

describe('the answers of a process', () => {
  it('keeps at most its number of entries, least recently used out first', () => {
    const answers = new PublicAnswers({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const key of ['a', 'b', 'c']) answers.set(key, answer(1n));
    answers.get('a');
    answers.set('d', answer(1n));
    expect(answers.size).toBe(3);
    expect(answers.get('b')).toBeUndefined();
    expect(answers.get('a')).toBeDefined();
  });

  it('keeps at most its bytes, and no answer larger than all of them', () => {
    const answers = new PublicAnswers({ maxEntries: 1000, maxBytes: 10_000 });
    for (let i = 0; i < 100; i += 1) answers.set(`key${i}`, answer(1n, 1000));
    expect(answers.bytes).toBeLessThanOrEqual(10_000);
    expect(answers.size).toBeLessThanOrEqual(10);
    expect(answers.size).toBeGreaterThanOrEqual(7);
    answers.set('huge', answer(1n, 20_000));
    expect(answers.get('huge')).toBeUndefined();
    expect(answers.bytes).toBeLessThanOrEqual(10_000);
  });

  it('drops every answer older than a version it hears of, and keeps none older after', () => {
    const answers = new PublicAnswers({ maxEntries: 100, maxBytes: 1_000_000 });
    answers.set('old', answer(4n));
    answers.set('new', answer(5n));
    answers.advance(5n);
    expect(answers.size).toBe(1);
    expect(answers.get('old')).toBeUndefined();
    expect(answers.get('new')).toBeDefined();
    // A read that started before the announcement and ends after it: not kept.
    answers.set('late', answer(4n));
    expect(answers.get('late')).toBeUndefined();
    // A version heard of again, or an older one, changes nothing.
    answers.advance(3n);
    expect(answers.floor).toBe(5n);
    expect(answers.get('new')).toBeDefined();
  });

  it('is off with no entries or no bytes', () => {
    for (const options of [
      { maxEntries: 0, maxBytes: 1000 },
      { maxEntries: 10, maxBytes: 0 },
    ]) {
      const answers = new PublicAnswers(options);
      expect(answers.enabled).toBe(false);
      answers.set('a', answer(1n));
      expect(answers.get('a')).toBeUndefined();
    }
  });
});

describe('a coalesced read', () => {
  function deferredReads() {
    const pending: ((value: number) => void)[] = [];
    let started = 0;
    const read = new CoalescedRead<number>(
      () =>
        new Promise<number>((resolve) => {
          started += 1;
          pending.push(resolve);
        }),
    );
    return { read, pending, started: () => started };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('runs one read at a time, and never gives a caller a read that started before it asked', async () => {
    const { read, pending, started } = deferredReads();
    const first = read.fresh();
    expect(started()).toBe(1);
    // Asked while the first read runs: that read may predate their request, so they wait for the next.
    const second = read.fresh();
    const third = read.fresh();
    expect(started()).toBe(1);
    pending[0](1);
    expect(await first).toBe(1);
    await settle();
    expect(started()).toBe(2);
    pending[1](2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    // Nothing running: a new read at once.
    const fourth = read.fresh();
    expect(started()).toBe(3);
    pending[2](3);
    expect(await fourth).toBe(3);
  });

  it('goes on after a failed read', async () => {
    let calls = 0;
    const read = new CoalescedRead<number>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return calls;
    });
    const failed = read.fresh();
    const next = read.fresh();
    await expect(failed).rejects.toThrow('connection lost');
    expect(await next).toBe(2);
  });
});
