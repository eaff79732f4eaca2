import cluster, { type Worker } from 'node:cluster';

/**
 * Several API processes on one port (README, "Operations", WEB_CONCURRENCY): node's cluster. The
 * primary does what must be done once (the embedded PostgreSQL, the migrations, the mail catcher,
 * the worker of apps/worker) and forks the API processes, which share the listening socket; the
 * primary itself serves no request. This file holds what the primary and its API processes say to
 * each other over the cluster's IPC channel, and the primary's care of them: a process that dies
 * is forked again, within a bound, and SIGTERM stops them all before the database.
 */

/** A question of an API process to its primary (the aggregated metrics, the caught mails), and its answer. */
interface Ask {
  dsb: 'ask';
  id: number;
  kind: string;
  payload?: unknown;
}
interface Answer {
  dsb: 'answer';
  id: number;
  value?: unknown;
  error?: string;
}
/** An API process is listening (sent once, after `listen`). */
interface Ready {
  dsb: 'ready';
  port: number;
  demoLoaded: boolean;
}

type Message = Ask | Answer | Ready;
const isMessage = (message: unknown): message is Message =>
  typeof message === 'object' && message !== null && typeof (message as { dsb?: unknown }).dsb === 'string';

export interface ClusterLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ApiClusterOptions {
  processes: number;
  /** Extra environment of every API process (the database's URL the primary settled on, SMTP_URL). */
  env: Record<string, string>;
  /** Extra environment of the first one only (the demo data is loaded by one process, once). */
  firstEnv?: Record<string, string>;
  /**
   * Fork the others only once the first listens: when the first fills an empty database with the
   * demo data, no process answers before it is there (as with one process, which listens after).
   */
  firstAlone?: boolean;
  log: ClusterLog;
  /** Restarts allowed within `restartWindowMs`; one more means a crash loop: the primary gives up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long a stopping API process may take before it is killed. */
  stopGraceMs?: number;
}

/** The primary's side: forks, restarts, answers, stops. */
export class ApiCluster {
  private readonly handlers = new Map<string, (payload: unknown) => Promise<unknown>>();
  private readonly restarts: number[] = [];
  private stopping = false;
  /** A crash loop was found: no process is forked any more. */
  private gaveUp = false;
  private readonly ready = new Set<number>();
  private readonly failed: Promise<string>;
  private fail!: (reason: string) => void;
  private readyAll!: (value: { port: number; demoLoaded: boolean }) => void;
  /** Resolves when every API process of the first round listens. */
  readonly listening: Promise<{ port: number; demoLoaded: boolean }>;
  private firstPort = 0;
  private demoLoaded = false;

  constructor(private readonly options: ApiClusterOptions) {
    this.listening = new Promise((resolve) => (this.readyAll = resolve));
    this.failed = new Promise((resolve) => (this.fail = resolve));
  }

  /**
   * Resolves (with the reason) if the API processes die faster than the bound allows: the caller
   * stops everything and exits with an error rather than fork forever.
   */
  get crashLoop(): Promise<string> {
    return this.failed;
  }

  /** Answers a kind of question of the API processes. */
  answer(kind: string, handler: (payload: unknown) => Promise<unknown>): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    cluster.on('exit', (worker, code, signal) => this.exited(worker, code, signal));
    this.fork(this.options.firstEnv ?? {});
    if (!this.options.firstAlone) this.forkOthers();
  }

  private forkOthers(): void {
    for (let i = 1; i < this.options.processes; i++) this.fork({});
  }

  private fork(extra: Record<string, string>): Worker {
    const worker = cluster.fork({ ...this.options.env, ...extra });
    worker.on('message', (message: unknown) => void this.received(worker, message));
    return worker;
  }

  private async received(worker: Worker, message: unknown): Promise<void> {
    if (!isMessage(message)) return;
    if (message.dsb === 'ready') {
      if (this.ready.size === 0) {
        this.firstPort = message.port;
        if (this.options.firstAlone) this.forkOthers();
      }
      this.demoLoaded ||= message.demoLoaded;
      this.ready.add(worker.id);
      if (this.ready.size === this.options.processes) this.readyAll({ port: this.firstPort, demoLoaded: this.demoLoaded });
      return;
    }
    if (message.dsb !== 'ask') return;
    const handler = this.handlers.get(message.kind);
    let reply: Answer;
    try {
      if (!handler) throw new Error(`nothing answers ${message.kind}`);
      reply = { dsb: 'answer', id: message.id, value: await handler(message.payload) };
    } catch (error) {
      reply = { dsb: 'answer', id: message.id, error: (error as Error).message };
    }
    if (worker.isConnected()) worker.send(reply);
  }

  private exited(worker: Worker, code: number | null, signal: string | null): void {
    // Once given up, the processes still running are the caller's to stop: none is replaced.
    if (this.stopping || this.gaveUp) return;
    const pid = worker.process.pid;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const now = Date.now();
    const window = this.options.restartWindowMs ?? 60_000;
    while (this.restarts.length > 0 && this.restarts[0] <= now - window) this.restarts.shift();
    if (this.restarts.length >= (this.options.maxRestarts ?? 5)) {
      this.gaveUp = true;
      const reason = `${this.restarts.length + 1} API processes exited within ${window / 1000} s`;
      this.options.log.error(`API process ${pid} exited (${how}): ${reason}, a crash loop; not starting another, stopping everything`);
      this.fail(reason);
      return;
    }
    this.options.log.error(`API process ${pid} exited (${how}); starting another`);
    this.restarts.push(now);
    // A replacement listens on the same shared port; it is not waited for (the first round's ready
    // line has been printed, or will be when it is ready).
    this.ready.delete(worker.id);
    this.fork({});
  }

  /** SIGTERM to every API process (each closes its server and its pool), SIGKILL after the grace. */
  async stop(): Promise<void> {
    this.stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), this.options.stopGraceMs ?? 10_000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** Whether this process is an API process forked by a primary (as opposed to the single process, or the primary). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * Closes the application once and exits with code 0, on SIGINT, on SIGTERM, and when the parent's
 * IPC channel goes (the parent gone, even killed): an API process of the cluster, or one a test
 * forks (e2e/hardening/multi-process-api.ts).
 */
export function closeOnSignals(app: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
}

/** An API process's side: tells the primary it listens. */
export function reportReady(port: number, demoLoaded: boolean): void {
  const message: Ready = { dsb: 'ready', port, demoLoaded };
  process.send?.(message);
}

let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
let listening = false;

/** An API process's side: asks the primary (rejects after `timeoutMs`, or if the primary is gone). */
export function askPrimary<T>(kind: string, payload?: unknown, timeoutMs = 10_000): Promise<T> {
  if (!process.send || !process.connected) return Promise.reject(new Error('no primary to ask'));
  if (!listening) {
    listening = true;
    process.on('message', (message: unknown) => {
      if (!isMessage(message) || message.dsb !== 'answer') return;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.value);
    });
  }
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`the primary did not answer ${kind} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    // Not kept alive by a question: a stopping process does not wait for its answer.
    timer.unref();
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
    const message: Ask = { dsb: 'ask', id, kind, payload };
    process.send!(message);
  });
}
