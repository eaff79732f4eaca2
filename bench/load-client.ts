// The load generator of bench/run.ts, in a process of its own so that it does not share an event
// loop with the servers it measures. Started with fork(); receives a LoadJob over IPC, checks the
// body of every response against the expected one, and sends back a LoadResult. The first wrong
// answer (status, body, error or timeout) stops the run.
//
// Two generators:
// - the most a server sustains: autocannon, its connections each sending the next request as soon
//   as the last is answered (a closed loop);
// - latency at a fixed rate: `runPaced`, an open loop sending request i at start + i / rate, on
//   as many keep-alive connections as it takes, and timing each answer from its scheduled time.
//   autocannon's own rate option cannot measure that: each connection sends its quota for the
//   second back to back and then waits for the next second (bursts of full load, whatever the
//   rate), and with a rate it "corrects" its histogram for coordinated omission with an expected
//   interval of Math.ceil(1 / rate) = 1 ms, filling it with made-up values (autocannon 8,
//   lib/httpClient.js and lib/run.js).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/quantile';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The exact body every answer to this request must have. */
  expected: string;
}

export interface LoadJob {
  url: string;
  requests: LoadRequest[];
  connections: number;
  seconds: number;
  /** Requests per second, evenly spaced (runPaced); as many as answered when absent (autocannon). */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  wrong: number;
  firstWrong: string | null;
}

/**
 * An open loop at `job.overallRate` requests per second for `job.seconds`, cycling through the
 * job's requests. Latency runs from the moment a request was due, so a server (or this process)
 * falling behind shows in it instead of slowing the load down. First `job.connections` requests
 * open the connections, unmeasured.
 */
export async function runPaced(job: LoadJob & { overallRate: number }): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  // Above what the server sustains, the queue grows for the whole run and the last answers come
  // seconds late: that is the figure, not a failure.
  const TIMEOUT_MS = 30_000;
  let wrong = 0;
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let firstWrong: string | null = null;
  const fail = (what: string) => {
    if (!firstWrong) firstWrong = what;
  };
  const send = (i: number, onDone: () => void) => {
    const r = job.requests[i % job.requests.length];
    let finished = false;
    let timedOut = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      onDone();
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: r.path,
        method: 'POST',
        agent,
        headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) non2xx += 1;
          if (res.statusCode !== 200 || body !== r.expected) {
            wrong += 1;
            fail(`HTTP ${res.statusCode} on ${r.path}: ${body.slice(0, 300)}`);
          }
          finish();
        });
      },
    );
    req.setTimeout(TIMEOUT_MS, () => {
      timedOut = true;
      timeouts += 1;
      fail(`no answer on ${r.path} within ${TIMEOUT_MS} ms`);
      req.destroy();
    });
    req.on('error', (error) => {
      if (!timedOut) {
        errors += 1;
        fail(`${error.message} on ${r.path}`);
      }
      finish();
    });
    req.end(r.body);
  };

  await Promise.all(Array.from({ length: job.connections }, (_, i) => new Promise<void>((resolve) => send(i, resolve))));

  const total = Math.max(1, Math.round(job.overallRate * job.seconds));
  const interval = 1000 / job.overallRate;
  const latencies: number[] = [];
  const start = performance.now() + 5;
  let sent = 0;
  let done = 0;
  let last = start;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && !firstWrong && start + sent * interval <= now) {
        const due = start + sent * interval;
        send(sent, () => {
          last = performance.now();
          latencies.push(last - due);
          done += 1;
          if (done === sent && (sent === total || firstWrong)) resolve();
        });
        sent += 1;
      }
      if (firstWrong && done === sent) return resolve();
      if (sent < total && !firstWrong) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const seconds = (last - start) / 1000;
  return {
    requests: done,
    seconds,
    rps: done / seconds,
    latency: {
      p50: quantile(latencies, 0.5),
      p90: quantile(latencies, 0.9),
      p99: quantile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
      mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    },
    errors,
    timeouts,
    non2xx,
    wrong,
    firstWrong,
  };
}

type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: any) => void) => { stop: () => void };

export function runLoad(job: LoadJob): Promise<LoadResult> {
  // autocannon ships no types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as Autocannon;
  let wrong = 0;
  let firstWrong: string | null = null;
  let instance: { stop: () => void } | null = null;
  return new Promise((resolve, reject) => {
    instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        timeout: 10,
        requests: job.requests.map((r) => ({
          method: 'POST',
          path: r.path,
          headers: r.headers,
          body: r.body,
          onResponse: (status: number, body: string) => {
            if (status === 200 && body === r.expected) return;
            wrong += 1;
            if (!firstWrong) {
              firstWrong = `HTTP ${status} on ${r.path}: ${String(body).slice(0, 300)}`;
              instance?.stop();
            }
          },
        })),
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = result.duration as number;
        resolve({
          requests: result.requests.total,
          seconds,
          rps: result.requests.total / seconds,
          latency: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            mean: result.latency.mean,
          },
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          wrong,
          firstWrong,
        });
      },
    );
  });
}

if (require.main === module) {
  process.on('message', (job: LoadJob) => {
    (job.overallRate ? runPaced({ ...job, overallRate: job.overallRate }) : runLoad(job)).then(
      (result) => process.send?.({ result }),
      (error) => process.send?.({ error: String((error as Error).stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
