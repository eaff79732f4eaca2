// The load generator of bench/run.ts, in a process of its own so that it does not share an event
// loop with the servers it measures. Started with fork(); receives a LoadJob over IPC, runs
// autocannon, checks the body of every response against the expected one, and sends back a
// LoadResult. The first wrong answer (status, body, error or timeout) stops the run.

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
  /** Requests per second over all connections; unlimited when absent. */
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

type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: any) => void) => { stop: () => void };

export function runLoad(job: LoadJob): Promise<LoadResult> {
  // autocannon ships no types.
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
        ...(job.overallRate ? { overallRate: job.overallRate } : {}),
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
    runLoad(job).then(
      (result) => process.send?.({ result }),
      (error) => process.send?.({ error: String((error as Error).stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
