import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig, Metrics, metricsAllowed, urlPath } from '@app/core';

/**
 * The worker serves no HTTP but its metrics (README, "Operations"): `GET /metrics` on
 * WORKER_METRICS_PORT, guarded like the API's (METRICS_TOKEN, METRICS_ALLOW_LOCAL); every other
 * request, and a request without the token, gets 404.
 */
export async function startMetricsServer(metrics: Metrics, config: AppConfig, port: number): Promise<Server> {
  const access = { token: config.METRICS_TOKEN, allowLocal: config.METRICS_ALLOW_LOCAL };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || urlPath(req.url) !== '/metrics' || !metricsAllowed(req, access)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    metrics.text().then(
      ({ contentType, body }) => res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.HOST ?? '127.0.0.1', () => resolve());
  });
  return server;
}

export function metricsPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
