// `npm run bench:uploads`: a document's bytes through the API against the machine's own speed
// (issue 16 item 4). It starts its own PostgreSQL in a temporary folder (or uses DATABASE_URL's
// server), migrates a database of its own, and starts the API as it ships (`node
// dist/apps/api/src/main.js`, built first if stale, NODE_ENV=production, WEB_CONCURRENCY=1,
// START_WORKER=false, connected as the application's role) in its own process. Then, on a file
// generated on disk (1 GiB; 256 MiB with --quick):
//
//   - the baseline: `cat` of the file to /dev/null, and the same node HTTP client as below sending
//     the file to, and fetching it from, a trivial node server over loopback (a child process that
//     discards what it is sent and serves the file from disk);
//   - POST /uploads of the file, the filing of the upload (fileDocument), and the download of the
//     document (GET its downloadPath), hashed by the client and checked against the file's SHA-256.
//
// While each transfer lasts, the API process's RSS (/proc/PID/status, VmRSS) is sampled every
// 100 ms; its growth is the peak minus the sample taken just before. It prints MiB/s of each, the
// ratios to the baseline (target ≥ 0.5) and the RSS growth (target < 100 MiB). With
// BENCH_RESULT_LINE set (npm run bench), the figures are printed on one `BENCH_RESULT` line too.
//
// Options: --quick (256 MiB, one run), --runs N (3), --bytes N (the file's size), --storage s3 (the
// API with DOCUMENT_STORAGE=s3 against s3rver, the local S3-compatible server the tests use, in a
// child process on a temporary folder; default: postgres). s3rver is a node test server, not a
// production store: its figures bound what the API's S3 path itself gives, they do not promise a
// real object store's.
import { productionSecrets } from './lib/production-env';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type UploadFigures, uploadSummary } from './lib/upload-figures';

const MiB = 1024 * 1024;
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
const BYTES = arg('bytes', QUICK ? 256 * MiB : 1024 * MiB);
const RUNS = arg('runs', QUICK ? 1 : 3);
const STORAGE = argv.includes('--storage') ? argv[argv.indexOf('--storage') + 1] : 'postgres';
if (STORAGE !== 'postgres' && STORAGE !== 's3') throw new Error(`--storage ${STORAGE}: postgres or s3`);
const log = (line: string) => process.stdout.write(`${line}\n`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The RSS of process `pid`, in bytes. */
function rssOf(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

/** `work` timed, with the largest growth of `pid`'s RSS over the sample just before it. */
async function measured<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; seconds: number; rssGrowth: number }> {
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process is gone: the request fails and says so
    }
  }, 100);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, rssOf(pid));
    return { result, seconds, rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

interface Answer {
  status: number;
  body: string;
  bytes: number;
  sha256: string;
}

/**
 * One request on its own connection: the file streamed as the body (1 MiB reads) or none, the
 * answer's bytes counted and hashed (its text kept only when short: an answer of JSON).
 */
function send(url: string, method: string, headers: Record<string, string>, file?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, ...(file ? { 'content-type': 'application/octet-stream' } : {}) } });
    req.on('error', reject);
    req.on('response', (res) => {
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let bytes = 0;
      res.on('data', (data: Buffer) => {
        hash.update(data);
        bytes += data.length;
        if (bytes <= 64 * 1024) kept.push(data);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: Buffer.concat(kept).toString('utf8'), bytes, sha256: hash.digest('hex') }),
      );
      res.on('error', reject);
    });
    if (file) pipeline(createReadStream(file, { highWaterMark: MiB }), req).catch(reject);
    else req.end();
  });
}

async function graphql(base: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown[] };
  if (json.errors) throw new Error(`GraphQL: ${JSON.stringify(json.errors)}`);
  return json.data;
}

// The trivial server of the baseline: discards a POST's body, serves the file for a GET.
const BASELINE_SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const file = process.env.BENCH_FILE;
const size = fs.statSync(file).size;
const server = http.createServer((req, res) => {
  if (req.method === 'POST') {
    req.on('end', () => res.writeHead(201).end('{}'));
    req.resume();
  } else {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(res);
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

// s3rver on a folder, with the bucket the API is given, printing its port.
const S3_SERVER = `
const S3rver = require('s3rver');
const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.env.BENCH_S3_DIR, configureBuckets: [{ name: 'documents' }] });
s3.run().then(({ port }) => process.stdout.write(port + '\\n'));
`;

/** A node child running `script`, stopped with the bench, and the first line it prints. */
async function child(script: string, env: Record<string, string>, stops: (() => Promise<void>)[]): Promise<string> {
  const process_ = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  stops.unshift(async () => {
    if (process_.exitCode === null) {
      const exited = new Promise((resolve) => process_.once('exit', resolve));
      process_.kill('SIGTERM');
      await exited;
    }
  });
  return new Promise<string>((resolve, reject) => {
    process_.stdout!.once('data', (data: Buffer) => resolve(String(data).trim()));
    process_.once('exit', (code) => reject(new Error(`a child of the bench exited with code ${code} before it was ready`)));
  });
}

async function main(): Promise<void> {
  const { APPLICATION_ROLE, ensureApplicationRole, hashPassword, withCredentials } = await import('@app/core');
  const { runMigrations } = await import('@app/migrations');
  const { startBenchServer } = await import('./lib/database');
  const { ensureBuild, startBuiltApi, stopStartupProcesses } = await import('./lib/startup');
  const { Client } = await import('pg');

  const directory = mkdtempSync(join(tmpdir(), 'dsb-bench-uploads-'));
  const file = join(directory, 'document.bin');
  const stops: (() => Promise<void>)[] = [async () => rmSync(directory, { recursive: true, force: true })];
  try {
    log(`Generating a file of ${BYTES} bytes`);
    // 17 random MiB blocks in turn: no compression gains anything, no chunk lines up with a repeat.
    const blocks = Array.from({ length: 17 }, () => randomBytes(MiB));
    const fileHash = createHash('sha256');
    const out = createWriteStream(file);
    for (let at = 0, n = 0; at < BYTES; n++) {
      const block = blocks[n % blocks.length].subarray(0, Math.min(MiB, BYTES - at));
      fileHash.update(block);
      at += block.length;
      if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const sha256 = fileHash.digest('hex');

    const build = await ensureBuild();
    if (build.built) log(`dist rebuilt in ${build.seconds.toFixed(1)} s`);
    const server = await startBenchServer();
    stops.unshift(() => server.stop());
    const databaseUrl = await server.createDatabase('dsb_bench_uploads');
    const appPassword = randomBytes(18).toString('base64url');
    await ensureApplicationRole(databaseUrl, APPLICATION_ROLE, appPassword);
    await runMigrations(databaseUrl, { applicationRole: APPLICATION_ROLE });
    // A delegate of China with a dispute against Pakistan, to file the upload in.
    const password = randomBytes(12).toString('base64url');
    const email = 'delegate.chn@uploads.bench';
    const owner = new Client({ connectionString: databaseUrl });
    await owner.connect();
    try {
      const members = await owner.query(
        `INSERT INTO members (code, name, joined_on, version) VALUES ('CHN', 'China', '2025-01-01', 1), ('PAK', 'Pakistan', '2025-01-01', 1) RETURNING id, code`,
      );
      await owner.query(
        `INSERT INTO users (email, display_name, password_hash, role, member_id, version) VALUES ($1, 'Delegate of China', $2, 'MEMBER_DELEGATE', $3, 1)`,
        [email, await hashPassword(password), members.rows.find((m) => m.code === 'CHN').id],
      );
    } finally {
      await owner.end();
    }

    let storageEnv: Record<string, string> = {};
    if (STORAGE === 's3') {
      const s3Port = await child(S3_SERVER, { BENCH_S3_DIR: mkdtempSync(join(directory, 's3-')) }, stops);
      storageEnv = {
        DOCUMENT_STORAGE: 's3',
        S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
        S3_BUCKET: 'documents',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      };
    }
    const api = await startBuiltApi(withCredentials(databaseUrl, APPLICATION_ROLE, appPassword), randomBytes(48).toString('base64url'), {
      ...storageEnv,
      NODE_ENV: 'production',
      DATABASE_OWNER_URL: databaseUrl,
      LOG_LEVEL: 'error',
      START_WORKER: 'false',
      WEB_CONCURRENCY: '1',
      ...productionSecrets(),
    });
    stops.unshift(async () => {
      await api.stop();
      await stopStartupProcesses();
    });
    if (!api.pid) throw new Error('the API process has no pid');
    const pid = api.pid;
    const base = `http://127.0.0.1:${api.port}`;
    log(
      `PostgreSQL ${server.version}${server.embedded ? ' (embedded, temporary folder, fsync off)' : ''}; the API from dist, process ${pid}; documents stored in ${STORAGE === 's3' ? 's3rver (DOCUMENT_STORAGE=s3)' : 'PostgreSQL'}`,
    );

    const { login } = await graphql(base, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: email,
      p: password,
    });
    const token = login.accessToken as string;
    const auth = { authorization: `Bearer ${token}` };
    const { requestConsultations } = await graphql(
      base,
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Uploads", measures: ["M"], legalBasis: ["L"], summary: "S" }) { id } }`,
      {},
      token,
    );

    // The baseline: the page cache holds the file (just written); cat twice, the second timed.
    const cat = async () => {
      const started = process.hrtime.bigint();
      const devNull = openSync('/dev/null', 'w');
      try {
        const code = await new Promise<number | null>((resolve) =>
          spawn('cat', [file], { stdio: ['ignore', devNull, 'inherit'] }).once('exit', resolve),
        );
        if (code !== 0) throw new Error(`cat exited with code ${code}`);
      } finally {
        closeSync(devNull);
      }
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    await cat();
    const catMiBps = BYTES / MiB / (await cat());
    const trivialPort = await child(BASELINE_SERVER, { BENCH_FILE: file }, stops);
    const trivialUrl = `http://127.0.0.1:${trivialPort}/`;
    const httpUp: number[] = [];
    const httpDown: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      await send(trivialUrl, 'POST', {}, file);
      httpUp.push(BYTES / MiB / (Number(process.hrtime.bigint() - started) / 1e9));
      const downStarted = process.hrtime.bigint();
      const down = await send(trivialUrl, 'GET', {});
      if (down.sha256 !== sha256) throw new Error('the trivial server served another file');
      httpDown.push(BYTES / MiB / (Number(process.hrtime.bigint() - downStarted) / 1e9));
    }
    log(
      `baseline: cat ${catMiBps.toFixed(0)} MiB/s; loopback HTTP (node client, trivial node server) up ${median(httpUp).toFixed(0)} MiB/s, down ${median(httpDown).toFixed(0)} MiB/s`,
    );

    const upRuns: number[] = [];
    const downRuns: number[] = [];
    let upGrowth = 0;
    let downGrowth = 0;
    for (let run = 0; run < RUNS; run++) {
      const up = await measured(pid, () => send(`${base}/uploads`, 'POST', auth, file));
      if (up.result.status !== 201) throw new Error(`POST /uploads answered ${up.result.status}: ${up.result.body}`);
      const upload = JSON.parse(up.result.body) as { uploadId: string; sizeBytes: number; sha256: string };
      if (upload.sizeBytes !== BYTES || upload.sha256 !== sha256) throw new Error(`the upload was stored as ${up.result.body}`);
      const { fileDocument } = await graphql(
        base,
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { downloadPath } }`,
        {
          input: {
            disputeId: requestConsultations.id,
            kind: 'EXHIBIT',
            classification: 'RESTRICTED',
            title: `Exhibit ${run + 1}`,
            fileName: 'exhibit.bin',
            mediaType: 'application/octet-stream',
            uploadId: upload.uploadId,
          },
        },
        token,
      );
      const down = await measured(pid, () => send(`${base}${fileDocument.downloadPath}`, 'GET', auth));
      if (down.result.status !== 200 || down.result.bytes !== BYTES || down.result.sha256 !== sha256) {
        throw new Error(`the download answered ${down.result.status} with ${down.result.bytes} bytes of another content`);
      }
      upRuns.push(BYTES / MiB / up.seconds);
      downRuns.push(BYTES / MiB / down.seconds);
      upGrowth = Math.max(upGrowth, up.rssGrowth / MiB);
      downGrowth = Math.max(downGrowth, down.rssGrowth / MiB);
      log(
        `run ${run + 1}: upload ${upRuns[run].toFixed(0)} MiB/s (RSS +${(up.rssGrowth / MiB).toFixed(0)} MiB), download ${downRuns[run].toFixed(0)} MiB/s (RSS +${(down.rssGrowth / MiB).toFixed(0)} MiB)`,
      );
    }
    const figures: UploadFigures = {
      bytes: BYTES,
      runs: RUNS,
      baseline: { catMiBps, httpUpMiBps: median(httpUp), httpDownMiBps: median(httpDown) },
      upload: { MiBps: median(upRuns), rssGrowthMiB: upGrowth, runs: upRuns },
      download: { MiBps: median(downRuns), rssGrowthMiB: downGrowth, runs: downRuns },
    };
    for (const line of uploadSummary(figures)) log(line);
    if (process.env.BENCH_RESULT_LINE) log(`BENCH_RESULT ${JSON.stringify(figures)}`);
  } finally {
    for (const stop of stops) await stop().catch((error: Error) => log(`clean-up: ${error.message}`));
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
