// One API process of bench/request-path.ts: the application as it ships (createApiApp), under
// ts-node with NODE_ENV=production. Started with fork(); receives { env } over IPC, listens on a
// free port of 127.0.0.1 and answers { port }.
import './lib/production-env';
import type { AddressInfo } from 'node:net';

interface Start {
  env: Record<string, string>;
}

async function start({ env }: Start): Promise<number> {
  const { loadConfig } = await import('@app/core');
  const config = loadConfig(env);
  const options = { config, databaseUrl: env.DATABASE_URL, jwtSecret: env.JWT_SECRET };
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const app = await createApiApp({ ...options, logger: false });
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

let stopProfile: (() => void) | undefined;

if (require.main === module) {
  process.on('message', (message: Start | { cpu: true } | { profile: 'start' | 'stop' }) => {
    // The CPU time this process has used (user + system, µs): the harness takes the difference
    // over a round and divides by the requests answered, a figure the machine's other load
    // disturbs far less than requests per second.
    // A CPU profile of this process from `profile: 'start'` to `profile: 'stop'` (bench/lib/profile.ts),
    // answered at the stop with the shares of the layers and packages.
    if ('profile' in message) {
      if (message.profile === 'start') {
        const stopped = new Promise<void>((resolve) => (stopProfile = resolve));
        void import('./lib/profile').then(({ profileShares }) => profileShares(() => stopped).then((result) => process.send?.({ result })));
        process.send?.({ started: true });
      } else stopProfile?.();
      return;
    }
    if ('cpu' in message) {
      const { user, system } = process.cpuUsage();
      process.send?.({ micros: user + system });
      return;
    }
    start(message).then(
      (port) => process.send?.({ port }),
      (error) => {
        process.send?.({ error: String((error as Error).stack ?? error) });
        process.exit(1);
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
}
