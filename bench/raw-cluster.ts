// The practical limit of the whole machine: N raw endpoints (bench/raw-server.ts) on one port,
// with node's cluster, as the API runs N processes with WEB_CONCURRENCY=N (README, "Operations").
//
// Started by bench/run.ts as a child process (fork, IPC), like raw-server.ts: it receives
// { config: RawServerConfig, processes: N }, forks N processes of raw-server.ts that share one
// free port on 127.0.0.1 (each with its own pool of config.poolSize), and answers with { port }
// once all of them listen. { stop: true } stops them and then itself.
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { RawServerConfig } from './raw-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function start(config: RawServerConfig, processes: number): Promise<number> {
  const port = await freePort();
  // The processes run raw-server.ts under the same ts-node registration as this one (execArgv).
  cluster.setupPrimary({ exec: join(__dirname, 'raw-server.ts') });
  const workers: Worker[] = [];
  for (let i = 0; i < processes; i++) workers.push(cluster.fork());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('exit', (code) => reject(new Error(`a raw endpoint exited with code ${code} before listening`)));
          worker.once('message', (answer: { port?: number; error?: string }) => {
            if (answer.error) reject(new Error(answer.error));
            else resolve();
          });
          worker.send({ config: { ...config, port } });
        }),
    ),
  );
  return port;
}

async function stop(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.send({ stop: true });
        }),
    ),
  );
}

if (require.main === module) {
  process.on('message', (message: { config?: RawServerConfig; processes?: number; stop?: boolean }) => {
    if (message.config) {
      start(message.config, message.processes ?? 1).then(
        (port) => process.send?.({ port }),
        (error: Error) => {
          process.send?.({ error: String(error.stack ?? error) });
          process.exit(1);
        },
      );
    }
    if (message.stop) void stop().finally(() => process.exit(0));
  });
  // bench/run.ts gone (even killed): the cluster's processes go with this one (they exit on disconnect).
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
}
