import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export interface ProfileShare {
  where: string;
  percent: number;
}

export interface ProfileResult {
  /** Self time by package: the code that was on the CPU (a built-in counts for its caller). */
  shares: ProfileShare[];
  /** Time inside some layers of the stack, callees included (they overlap). */
  layers: ProfileShare[];
  /** Share of the samples in which the process was busy. */
  busyPercent: number;
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

// Where a stack frame's code lives: a package of node_modules, node's own code, or the app.
function bucket(url: string, functionName: string): string {
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (!url) return 'native / other';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return 'node core (http, net, streams…)';
  if (/\/(apps|libs)\//.test(url)) return 'application code (apps/, libs/)';
  return 'other';
}

const LAYERS: [string, RegExp][] = [
  ['access token check (@nestjs/passport → passport-jwt → jsonwebtoken)', /node_modules\/(passport-jwt|jsonwebtoken|@nestjs\/passport)\//],
  ['Apollo Server request pipeline (parse, validate, plugins, execute, serialise)', /node_modules\/@apollo\/server\//],
  ['GraphQL execution (graphql-js, resolvers and what they call)', /node_modules\/graphql\/execution\//],
  ['TypeORM (query building, hydration, and the driver calls under it)', /node_modules\/typeorm\//],
  ['pg driver and protocol', /node_modules\/(pg|pg-protocol|pg-pool|postgres-date|postgres-array)\//],
  ['DataLoader batching', /node_modules\/dataloader\//],
  ['Nest context creation (guards, pipes, param resolution)', /node_modules\/@nestjs\/core\/helpers\//],
  ['class-validator / class-transformer (argument validation)', /node_modules\/(class-validator|class-transformer)\//],
  ['Fastify', /node_modules\/(fastify|@fastify|find-my-way|avvio|@as-integrations\/fastify|@nestjs\/platform-fastify)\//],
];

/**
 * A CPU profile of this process while `work` runs. The profiler's own work (stopping, serialising
 * the profile) is left out, and so is idle time.
 */
export async function profileShares(work: () => Promise<void>): Promise<ProfileResult> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  let profile: { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] };
  try {
    await work();
  } finally {
    profile = (await post('Profiler.stop')).profile;
    await post('Profiler.disable');
    session.disconnect();
  }
  if (process.env.BENCH_PROFILE_SAVE) writeFileSync(process.env.BENCH_PROFILE_SAVE, JSON.stringify(profile));
  const nodes = new Map<number, CpuNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const chainOf = (id: number): CpuNode[] => {
    const chain: CpuNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) chain.push(nodes.get(cur) as CpuNode);
    return chain;
  };
  const self = new Map<string, number>();
  const layers = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const chain = chainOf(id);
    if (chain.some((n) => n.callFrame.url.includes('bench/lib/profile'))) return;
    const own = bucket(chain[0].callFrame.url, chain[0].callFrame.functionName);
    if (own === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    // A built-in (JSON.stringify, a RegExp, crypto…) counts for the code that called it.
    const key =
      own === 'native / other'
        ? (chain.map((n) => bucket(n.callFrame.url, n.callFrame.functionName)).find((b) => b !== 'native / other') ?? own)
        : own;
    self.set(key, (self.get(key) ?? 0) + dt);
    for (const [layer, pattern] of LAYERS) {
      if (chain.some((n) => pattern.test(n.callFrame.url))) layers.set(layer, (layers.get(layer) ?? 0) + dt);
    }
    if (own === 'garbage collection') layers.set('garbage collection', (layers.get('garbage collection') ?? 0) + dt);
  });
  const asShares = (m: Map<string, number>) =>
    [...m.entries()].map(([where, t]) => ({ where, percent: (100 * t) / busy })).sort((a, b) => b.percent - a.percent);
  return { shares: asShares(self), layers: asShares(layers), busyPercent: (100 * busy) / (busy + idle) };
}
