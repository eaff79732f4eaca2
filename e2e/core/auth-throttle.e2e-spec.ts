import { DataSource } from 'typeorm';
import { RateLimiter, UserEntity, passwordChecksRun } from '@app/core';
import { dataSourceOptions } from '@app/migrations';
import { createUser, DEFAULT_PASSWORD } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// Sign-in under attack: parallel guesses, guesses from elsewhere, guesses spread over many
// addresses (README, Sign-in). The tests stand for a proxy (TRUSTED_PROXIES=loopback) so that each
// request can come from the address it names in X-Forwarded-For.

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

interface Answer {
  data: { login: { accessToken: string } } | null;
  errors?: { message: string; extensions: Record<string, any> }[];
}

describe('sign-in under attack', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUSTED_PROXIES: 'loopback' } });
  });
  afterAll(() => t.close());
  // Every test starts with nothing counted.
  afterEach(async () => {
    await t.db.query('DELETE FROM rate_limits');
  });

  const login = async (from: string, email: string, password = 'wrong password 123'): Promise<Answer> =>
    (
      await t
        .http()
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-forwarded-for', from)
        .send({ query: LOGIN, variables: { email, password } })
    ).body;
  const code = (answer: Answer) => answer.errors?.[0]?.extensions.code ?? 'OK';

  describe('parallel requests', () => {
    it('run at most 5 password checks for one account however many arrive at once', async () => {
      const { email } = await createUser(t.db, { role: 'PANELIST', email: 'flooded@test.dsb' });
      const before = passwordChecksRun();
      const answers = await Promise.all(Array.from({ length: 30 }, () => login('198.51.100.1', email)));
      const checks = passwordChecksRun() - before;
      expect(checks).toBeLessThanOrEqual(5);
      const codes = answers.map(code);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(checks);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(30 - checks);
      expect(checks).toBe(5);
    });

    it('run at most 20 password checks from one address trying many accounts at once', async () => {
      const before = passwordChecksRun();
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login('198.51.100.2', `many${i}@test.dsb`)));
      expect(passwordChecksRun() - before).toBe(20);
      expect(answers.map(code).filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
    });

    it('hold across processes: attempts are taken in PostgreSQL, all of a claim or none', async () => {
      // Two limiters on two pools of their own stand for two API processes.
      const pools = await Promise.all(
        [0, 1].map(async () => new DataSource({ ...dataSourceOptions(t.databaseUrl), extra: { max: 10 } }).initialize()),
      );
      try {
        const limiters = pools.map((pool) => new RateLimiter(pool, t.clock));
        const claims = [
          { key: 'test:shared', rule: { limit: 5, windowSeconds: 60 }, what: 'attempts' },
          { key: 'test:wide', rule: { limit: 100, windowSeconds: 60 }, what: 'attempts' },
        ];
        const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => limiters[i % 2].reserve(claims)));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
        // A refused claim took nothing from its other key.
        const rows = await t.db.query(`SELECT key, hits FROM rate_limits WHERE key LIKE 'test:%' ORDER BY key`);
        expect(rows.map((r: { key: string; hits: number }) => [r.key, Number(r.hits)])).toEqual([
          ['test:shared', 5],
          ['test:wide', 5],
        ]);
      } finally {
        await Promise.all(pools.map((pool) => pool.destroy()));
      }
    });
  });

  describe('guesses from elsewhere', () => {
    let delegate: UserEntity;
    beforeAll(async () => {
      delegate = await createUser(t.db, { role: 'PANELIST', email: 'delegate.before.deadline@test.dsb' });
    });

    it('never lock the owner out at their own address', async () => {
      for (let i = 0; i < 5; i += 1) expect(code(await login('203.0.113.66', delegate.email))).toBe('UNAUTHENTICATED');
      const blocked = await login('203.0.113.66', delegate.email, DEFAULT_PASSWORD);
      expect(blocked.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', domainCode: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 60 });
      // The owner, elsewhere, signs in at once, and their mistakes are theirs.
      expect(code(await login('198.51.100.10', delegate.email, DEFAULT_PASSWORD))).toBe('OK');
      expect(code(await login('198.51.100.10', delegate.email))).toBe('UNAUTHENTICATED');
      expect(code(await login('198.51.100.10', delegate.email, DEFAULT_PASSWORD))).toBe('OK');
    });

    it('back off exponentially at the guessing address: 1 minute, 2, 4, 8, then 15 at most', async () => {
      for (let i = 0; i < 5; i += 1) await login('203.0.113.67', delegate.email);
      const waits: number[] = [];
      for (let round = 0; round < 6; round += 1) {
        const refused = await login('203.0.113.67', delegate.email);
        expect(code(refused)).toBe('RATE_LIMITED');
        const wait = refused.errors![0].extensions.retryAfterSeconds as number;
        waits.push(wait);
        t.clock.advance(wait * 1000 - 1000);
        expect(code(await login('203.0.113.67', delegate.email))).toBe('RATE_LIMITED');
        t.clock.advance(1000);
        expect(code(await login('203.0.113.67', delegate.email))).toBe('UNAUTHENTICATED');
      }
      expect(waits).toEqual([60, 120, 240, 480, 900, 900]);
      // A day without attempts, and the count starts again.
      t.clock.advance(24 * 3600 * 1000);
      for (let i = 0; i < 5; i += 1) expect(code(await login('203.0.113.67', delegate.email))).toBe('UNAUTHENTICATED');
    });

    it('are refused at one address past 20 failures across accounts, even with a right password', async () => {
      for (let i = 0; i < 20; i += 1) expect(code(await login('203.0.113.68', `sprayed${i}@test.dsb`))).toBe('UNAUTHENTICATED');
      const refused = await login('203.0.113.68', delegate.email, DEFAULT_PASSWORD);
      expect(refused.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 900 });
      expect(refused.errors![0].message).toMatch(/from your address/);
      t.clock.advance(15 * 60 * 1000);
      expect(code(await login('203.0.113.68', delegate.email, DEFAULT_PASSWORD))).toBe('OK');
    });

    it('are refused past 100 failures an hour for one account, from however many addresses, but not where the owner signed in', async () => {
      const target = await createUser(t.db, { role: 'PANELIST', email: 'distributed.target@test.dsb' });
      expect(code(await login('198.51.100.50', target.email, DEFAULT_PASSWORD))).toBe('OK');
      for (let batch = 0; batch < 10; batch += 1) {
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(`192.0.2.${batch * 10 + i + 1}`, target.email)));
        expect(answers.map(code).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
      }
      const refused = await login('192.0.2.200', target.email, DEFAULT_PASSWORD);
      expect(refused.errors![0].extensions.code).toBe('RATE_LIMITED');
      expect(refused.errors![0].message).toMatch(/for this account;/);
      // The owner, where they signed in before, is spared the ceiling.
      expect(code(await login('198.51.100.50', target.email, DEFAULT_PASSWORD))).toBe('OK');
      t.clock.advance(60 * 60 * 1000);
      expect(code(await login('192.0.2.200', target.email, DEFAULT_PASSWORD))).toBe('OK');
    });
  });

  it('gives back the attempt of a sign-in that succeeds', async () => {
    const user = await createUser(t.db, { role: 'PANELIST', email: 'frequent@test.dsb' });
    for (let i = 0; i < 25; i += 1) expect(code(await login('198.51.100.30', user.email, DEFAULT_PASSWORD))).toBe('OK');
    const rows = await t.db.query(`SELECT key, hits FROM rate_limits WHERE key LIKE 'login:%'`);
    expect(rows.every((r: { hits: number }) => Number(r.hits) === 0)).toBe(true);
    expect(rows.map((r: { key: string }) => r.key)).not.toContain(`login:account-address:${user.email}|198.51.100.30`);
  });
});
