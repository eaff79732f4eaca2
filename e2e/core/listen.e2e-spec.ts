import { ConfigError, loadConfig } from '@app/core';
import { listenApi } from '../../apps/api/src/bootstrap';
import { TestApp, startTestApp, testSecrets } from '../utils/test-app';

// Its own file: one application per file (passport keeps one strategy per process). The
// application is listened with the function main.ts uses, under several configurations.
describe('where the API listens (HOST)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const config = (env: Record<string, string>) => loadConfig({ ...testSecrets(), DATABASE_URL: t.databaseUrl, PORT: '0', ...env });
  const stop = () =>
    new Promise<void>((resolve, reject) => t.app.getHttpServer().close((error?: Error) => (error ? reject(error) : resolve())));

  it('listens on 127.0.0.1 only, by default outside production', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const address = await listenApi(t.app, config({ NODE_ENV }));
      expect(address.address).toBe('127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${address.port}/health/live`);
      expect(res.status).toBe(200);
      await stop();
    }
  });

  it('listens where HOST says: every interface only when asked', async () => {
    let address = await listenApi(t.app, config({ NODE_ENV: 'production', HOST: '0.0.0.0' }));
    expect(address.address).toBe('0.0.0.0');
    await stop();
    address = await listenApi(t.app, config({ NODE_ENV: 'development', HOST: '::1' }));
    expect(address.address).toBe('::1');
    await stop();
  });

  it('requires HOST in production, and refuses one that is no address', async () => {
    await expect(listenApi(t.app, config({ NODE_ENV: 'production' }))).rejects.toThrow(ConfigError);
    await expect(listenApi(t.app, config({ NODE_ENV: 'production' }))).rejects.toThrow(/HOST is required when NODE_ENV=production/);
    expect(t.app.getHttpServer().listening).toBe(false);
    expect(() => config({ HOST: 'example.com' })).toThrow(/HOST/);
    expect(() => config({ HOST: '0.0.0.0:3000' })).toThrow(/HOST/);
  });
});
