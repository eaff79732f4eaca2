import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

const running = new Set<ChildProcess>();

/** A TypeScript entry point of bench/ in a child process with an IPC channel (ts-node, as `npm run bench`). */
export function forkScript(script: string): ChildProcess {
  const child = fork(resolve(ROOT, script), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Sends a message and waits for the child's answer ({ error } rejects). */
export function ask<T>(child: ChildProcess, message: unknown, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no answer from ${child.spawnfile} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (answer: { error?: string } & T) => {
      cleanup();
      if (answer && typeof answer === 'object' && 'error' in answer && answer.error) reject(new Error(answer.error));
      else resolvePromise(answer);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited with code ${code} before answering`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(message as never);
  });
}

/** Stops a child: politely (disconnect, SIGTERM), then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (child.connected) child.disconnect();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Every child still running (for the final clean-up, also on failure). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
}
