import { FigureList } from './figures-json';
import { PUBLIC_RATIO_TARGET, type PublicReadFigures } from './public-reads';
import { P99_TARGET_MS, PAGE_MEDIAN_TARGET_MS, RATIO_TARGET, STATISTICS_MEDIAN_TARGET_MS, SWEEP_INTERVAL_MS, type Results } from './report';
import { UPLOAD_RATIO_TARGET, UPLOAD_RSS_TARGET_MIB } from './upload-figures';
import type { WholeMachineFigures } from './whole-machine';

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Every figure of a run of `npm run bench` with its target (the ones it prints as met or not),
 * for `--json FILE`. Names are stable from run to run (no rate, date or count in them), so that
 * a script compares two files by name.
 */
export function runFigures(r: Results, publicReads: PublicReadFigures, whole: WholeMachineFigures | { error: string }): FigureList {
  const figures = new FigureList();
  const add = figures.add.bind(figures);

  add('data set: load time', r.dataset.seconds.total, 's');
  // The first row is the input's memory alone, with no time.
  for (const row of r.count.rows) if (row.rules !== '-') add(`count (STV): ${row.rules}, ${row.run}`, Number(row.ms), 'ms');
  for (const s of r.statements)
    for (const size of s.sizes) add(`SQL statements per request: ${s.operation}, first ${size.first}`, size.statements, 'statements');

  const d = r.docket;
  add('docket list: API, one process', d.apiRps, 'requests/s');
  add('docket list: raw, one process', d.rawRps, 'requests/s');
  add('docket list: API / raw, one process', d.ratio, 'ratio', { min: RATIO_TARGET });
  add('docket list: API p50, one request at a time', d.single.api.p50, 'ms');
  add('docket list: API p99, one request at a time', d.single.api.p99, 'ms');
  add('docket list: raw p50, one request at a time', d.single.raw.p50, 'ms');
  add('docket list: raw p99, one request at a time', d.single.raw.p99, 'ms');
  add('docket list: fixed rate (a third of the raw maximum)', d.fixed.rate, 'requests/s');
  add('docket list: API p99 at a third of the raw maximum', d.fixed.api.latency.p99, 'ms', { max: P99_TARGET_MS });
  add('docket list: raw p99 at a third of the raw maximum', d.fixed.raw.latency.p99, 'ms');
  for (const lower of d.lowerRates) add(`docket list: API p99 at ${lower.share} of the raw maximum`, lower.api.latency.p99, 'ms');
  add('docket list: hypervisor steal during the load', r.stolenDuringLoad === null ? null : r.stolenDuringLoad * 100, '%');

  for (const read of publicReads.reads) {
    add(`${read.label}: API`, read.apiRps, 'requests/s');
    add(`${read.label}: raw`, read.rawRps, 'requests/s');
    add(`${read.label}: API / raw`, read.apiRps / read.rawRps, 'ratio', { min: PUBLIC_RATIO_TARGET });
    add(`${read.label}: API p99 at half the raw maximum`, read.api.p99, 'ms', { max: P99_TARGET_MS });
  }
  if (publicReads.stale) add('stale answers across two API processes', publicReads.stale.stale, 'answers', { max: 0 });

  if ('error' in whole) {
    add('whole machine: API / raw, N processes', null, 'ratio');
  } else {
    add('whole machine: processes', whole.processes, 'processes');
    add('whole machine: API, N processes', whole.apiRps, 'requests/s');
    add('whole machine: raw, N processes', whole.rawRps, 'requests/s');
    add('whole machine: API / raw, N processes', whole.apiRps / whole.rawRps, 'ratio');
    add('whole machine: API, N processes / one process', whole.apiRps / whole.single.apiRps, 'ratio');
    add('whole machine: raw, N processes / one process', whole.rawRps / whole.single.rawRps, 'ratio');
  }

  if (r.pages && !('error' in r.pages)) {
    for (const page of r.pages.pages) {
      add(`public page ${page.name}: median`, page.median, 'ms', { max: PAGE_MEDIAN_TARGET_MS });
      add(`public page ${page.name}: p95`, page.p95, 'ms');
      add(`public page ${page.name}: data alone, median`, page.dataMedian, 'ms');
    }
  }

  if (!('error' in r.startup)) {
    add('start-up: empty database, median', median(r.startup.empty.map((x) => x.seconds)), 's');
    add('start-up: loaded database, median', median(r.startup.loaded.map((x) => x.seconds)), 's');
    if (r.startup.npmStart) {
      add('npm start: cold, median', median(r.startup.npmStart.cold.map((x) => x.seconds)), 's');
      add('npm start: warm, median', median(r.startup.npmStart.warm.map((x) => x.seconds)), 's');
    }
  }

  if (r.eservice) {
    add('notices mailed by one worker, median', 'error' in r.eservice.mail ? null : r.eservice.mail.median, 'notices/s');
    const live = 'error' in r.eservice.live ? null : r.eservice.live;
    add('live docket: commit to event, median', live?.fromCommit.median, 'ms');
    add('live docket: commit to event, p99', live?.fromCommit.p99, 'ms');
  }

  if (r.scale && !('error' in r.scale)) {
    for (const size of r.scale.sizes) {
      const n = size.disputes;
      add(`sweep at the data set's day, ${n} disputes`, size.first.ms, 'ms', { max: SWEEP_INTERVAL_MS });
      add(`sweep with nothing due, ${n} disputes, slowest`, Math.max(...size.idleMs), 'ms', { max: SWEEP_INTERVAL_MS });
      add(`sweep of a backlog, ${n} disputes`, size.backlog.ms, 'ms');
      if (size.statistics) add(`statistics median, ${n} disputes`, size.statistics.medianMs, 'ms', { max: STATISTICS_MEDIAN_TARGET_MS });
    }
  }

  if (r.uploads) {
    const u = 'error' in r.uploads ? null : r.uploads;
    add('upload through POST /uploads', u?.upload.MiBps, 'MiB/s');
    add('download of a document', u?.download.MiBps, 'MiB/s');
    add('upload baseline: loopback HTTP', u?.baseline.httpUpMiBps, 'MiB/s');
    add('download baseline: loopback HTTP', u?.baseline.httpDownMiBps, 'MiB/s');
    add('upload and download baseline: cat', u?.baseline.catMiBps, 'MiB/s');
    add('upload / loopback HTTP', u && u.upload.MiBps / u.baseline.httpUpMiBps, 'ratio', { min: UPLOAD_RATIO_TARGET });
    add('download / loopback HTTP', u && u.download.MiBps / u.baseline.httpDownMiBps, 'ratio', { min: UPLOAD_RATIO_TARGET });
    add('API RSS growth during an upload', u?.upload.rssGrowthMiB, 'MiB', { max: UPLOAD_RSS_TARGET_MIB });
    add('API RSS growth during a download', u?.download.rssGrowthMiB, 'MiB', { max: UPLOAD_RSS_TARGET_MIB });
  }
  return figures;
}
