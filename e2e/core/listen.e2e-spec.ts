import { ConfigError, loadConfig } from '@app/core';
import { listenApi } from '../../apps/api/src/bootstrap';
import { TestApp, startTestApp, testSecrets } from '../utils/test-app';

// Its own file: one application at a time (passport keeps one strategy per process). Each
// listen is of an application of its own, with the function main.ts uses: Fastify listens once.
describe('where the API listens (HOST)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const config = (env: Record<string, string>) => loadConfig({ ...testSecrets(), DATABASE_URL: t.databaseUrl, PORT: '0', ...env });

  /** Listens a fresh application under `env`, asks it for /health/live there, and closes it. */
  async function listenOnce(env: Record<string, string>): Promise<string> {
    const app = await startTestApp();
    try {
      const address = await listenApi(app.app, config(env));
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
      expect((await fetch(`http://${host}:${address.port}/health/live`)).status).toBe(200);
      return address.address;
    } finally {
      await app.close();
    }
  }

  it('listens on 127.0.0.1 only, by default outside production', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(await listenOnce({ NODE_ENV })).toBe('127.0.0.1');
    }
  });

  it('listens where HOST says: every interface only when asked', async () => {
    expect(await listenOnce({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(await listenOnce({ NODE_ENV: 'development', HOST: '::1' })).toBe('::1');
  });

  it('requires HOST in production, and refuses one that is no address', async () => {
    await expect(listenApi(t.app, config({ NODE_ENV: 'production' }))).rejects.toThrow(ConfigError);
    await expect(listenApi(t.app, config({ NODE_ENV: 'production' }))).rejects.toThrow(/HOST is required when NODE_ENV=production/);
    expect(t.app.getHttpServer().listening).toBe(false);
    expect(() => config({ HOST: 'example.com' })).toThrow(/HOST/);
    expect(() => config({ HOST: '0.0.0.0:3000' })).toThrow(/HOST/);
  });
});
