import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { metricsAllowed, urlPath } from './http-observability';
import { PinoLoggerService, createLogger } from './logger';
import { Metrics, routeGroup } from './metrics';
import { acceptRequestId, currentRequestId, runInRequestScope } from './request-scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function capture(level: 'silent' | 'error' | 'log' | 'verbose' = 'log') {
  const lines: string[] = [];
  const pino = createLogger({ level, destination: { write: (line: string) => void lines.push(line) }, process: 'test' });
  return { pino, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('request ids', () => {
  it('keeps a plain token of at most 128 characters, and replaces anything else with a UUID', () => {
    expect(acceptRequestId('abc-123_x.y:z/w+=@')).toBe('abc-123_x.y:z/w+=@');
    expect(acceptRequestId(['first', 'second'])).toBe('first');
    expect(acceptRequestId('a'.repeat(128))).toBe('a'.repeat(128));
    for (const bad of ['a'.repeat(129), '', 'has space', 'new\nline', '"q"', '<script>', 'ünï', undefined, 42]) {
      expect(acceptRequestId(bad)).toMatch(UUID);
    }
  });

  it('is the current id inside the scope and through what it awaits, and none outside', async () => {
    expect(currentRequestId()).toBeUndefined();
    await runInRequestScope({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe('r-1');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});

describe('the path of a URL', () => {
  it('is what comes before the query or the fragment, as sent', () => {
    expect(urlPath('/disputes/DS1?lang=fr&x=1')).toBe('/disputes/DS1');
    expect(urlPath('/a%20b#top')).toBe('/a%20b');
    expect(urlPath('/graphql')).toBe('/graphql');
    expect(urlPath('/?q')).toBe('/');
    expect(urlPath(undefined)).toBe('');
  });
});

describe('the logger', () => {
  it("writes Nest's calls as JSON lines with the context, the stack and the request's id", () => {
    const { pino, parsed } = capture();
    const nest = new PinoLoggerService(pino);
    nest.log('started', 'Start');
    runInRequestScope({ requestId: 'r-2' }, () => nest.error('failed', 'Error: x\n    at y', 'GraphQL'));
    nest.warn({ event: 'slow', ms: 12 }, 'Jobs');
    nest.debug('not written at log level', 'Jobs');
    expect(parsed()).toEqual([
      expect.objectContaining({ level: 30, msg: 'started', context: 'Start', process: 'test' }),
      expect.objectContaining({ level: 50, msg: 'failed', context: 'GraphQL', stack: 'Error: x\n    at y', requestId: 'r-2' }),
      expect.objectContaining({ level: 40, event: 'slow', ms: 12, context: 'Jobs' }),
    ]);
    expect(parsed()[0].requestId).toBeUndefined();
  });

  it('serves every `new Logger(context)` once it is the override', () => {
    const { pino, parsed } = capture('verbose');
    Logger.overrideLogger(new PinoLoggerService(pino));
    try {
      new Logger('Worker').verbose('every detail');
    } finally {
      Logger.overrideLogger(['error']);
    }
    expect(parsed()).toEqual([expect.objectContaining({ level: 10, msg: 'every detail', context: 'Worker' })]);
  });

  it('writes nothing when silent, and redacts credentials in headers', () => {
    const silent = capture('silent');
    new PinoLoggerService(silent.pino).error('nothing');
    expect(silent.lines).toEqual([]);

    const { pino, lines } = capture();
    pino.info({ req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', 'user-agent': 'curl' } } }, 'request');
    expect(lines.join('')).not.toMatch(/abc\.def|sid=1/);
    expect(JSON.parse(lines[0]).req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'curl' });
  });
});

describe('metrics', () => {
  it('groups paths into a fixed set of labels', () => {
    expect(routeGroup('/graphql')).toBe('graphql');
    expect(routeGroup('/graphql?query={a}')).toBe('graphql');
    expect(routeGroup('/')).toBe('site');
    expect(routeGroup('/disputes/DS-12?lang=fr')).toBe('site');
    expect(routeGroup('/documents/0b3c/content')).toBe('documents');
    expect(routeGroup('/health/ready')).toBe('health');
    expect(routeGroup('/altair/main.js')).toBe('explorer');
    expect(routeGroup('/wp-admin/setup.php')).toBe('other');
    expect(routeGroup('/constructor')).toBe('other');
    expect(routeGroup('/__proto__')).toBe('other');
  });

  it('counts a GraphQL error by a code-shaped code only', async () => {
    const metrics = new Metrics();
    metrics.countGraphqlError('FORBIDDEN');
    metrics.countGraphqlError('user 0b3c: not allowed');
    metrics.countGraphqlError(undefined);
    const { body } = await metrics.text();
    expect(body).toContain('dsb_graphql_errors_total{code="FORBIDDEN"} 1');
    expect(body).toContain('dsb_graphql_errors_total{code="OTHER"} 2');
  });

  it('reads a gauge at scrape time, and says NaN, not 0, when the read fails', async () => {
    const metrics = new Metrics();
    let value = 3;
    metrics.addGauge('things', 'Things', [], () => [{ value }]);
    metrics.addGauge('broken', 'Broken', [], () => Promise.reject(new Error('database down')));
    expect((await metrics.text()).body).toContain('dsb_things 3');
    value = 5;
    const { body } = await metrics.text();
    expect(body).toContain('dsb_things 5');
    // prom-client writes NaN as `Nan`, which Prometheus reads as NaN.
    expect(body).toMatch(/^dsb_broken nan$/im);
  });

  it('lets in the bearer of the token, or a local request no proxy forwarded when allowed', () => {
    const req = (headers: Record<string, string>, remoteAddress = '203.0.113.5') =>
      ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
    const token = { token: 'sixteen-chars-token', allowLocal: false };
    expect(metricsAllowed(req({ authorization: 'Bearer sixteen-chars-token' }), token)).toBe(true);
    expect(metricsAllowed(req({ authorization: 'Bearer sixteen-chars-tokeN' }), token)).toBe(false);
    expect(metricsAllowed(req({ authorization: 'sixteen-chars-token' }), token)).toBe(false);
    expect(metricsAllowed(req({}, '127.0.0.1'), token)).toBe(false);
    const local = { token: undefined, allowLocal: true };
    expect(metricsAllowed(req({}, '127.0.0.1'), local)).toBe(true);
    expect(metricsAllowed(req({}, '::1'), local)).toBe(true);
    expect(metricsAllowed(req({ 'x-forwarded-for': '203.0.113.5' }, '127.0.0.1'), local)).toBe(false);
    expect(metricsAllowed(req({}, '10.0.0.2'), local)).toBe(false);
    expect(metricsAllowed(req({ authorization: 'Bearer ' }), local)).toBe(false);
  });
});
