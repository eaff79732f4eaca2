// The figures of bench/uploads.ts (issue 16 item 4), shared with `npm run bench`'s report.

/** The targets: at least half the machine's speed, less than 100 MiB more memory. */
export const UPLOAD_RATIO_TARGET = 0.5;
export const UPLOAD_RSS_TARGET_MIB = 100;

/** What `npm run bench` keeps of a run (MiB/s are medians over the runs, RSS growths the largest). */
export interface UploadFigures {
  bytes: number;
  runs: number;
  baseline: { catMiBps: number; httpUpMiBps: number; httpDownMiBps: number };
  upload: { MiBps: number; rssGrowthMiB: number; runs: number[] };
  download: { MiBps: number; rssGrowthMiB: number; runs: number[] };
}

/** The figures as lines: the speeds, the ratios to the baseline and the memory, with the targets. */
export function uploadSummary(f: UploadFigures): string[] {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const upRatio = f.upload.MiBps / f.baseline.httpUpMiBps;
  const downRatio = f.download.MiBps / f.baseline.httpDownMiBps;
  return [
    `file of ${f.bytes} bytes, median of ${f.runs} run(s)`,
    `upload:   ${f.upload.MiBps.toFixed(0)} MiB/s; loopback HTTP ${f.baseline.httpUpMiBps.toFixed(0)} MiB/s (ratio ${upRatio.toFixed(2)}, ≥ ${UPLOAD_RATIO_TARGET}: ${met(upRatio >= UPLOAD_RATIO_TARGET)}); cat ${f.baseline.catMiBps.toFixed(0)} MiB/s (ratio ${(f.upload.MiBps / f.baseline.catMiBps).toFixed(2)})`,
    `download: ${f.download.MiBps.toFixed(0)} MiB/s; loopback HTTP ${f.baseline.httpDownMiBps.toFixed(0)} MiB/s (ratio ${downRatio.toFixed(2)}, ≥ ${UPLOAD_RATIO_TARGET}: ${met(downRatio >= UPLOAD_RATIO_TARGET)}); cat ${f.baseline.catMiBps.toFixed(0)} MiB/s (ratio ${(f.download.MiBps / f.baseline.catMiBps).toFixed(2)})`,
    `API RSS growth: upload +${f.upload.rssGrowthMiB.toFixed(0)} MiB, download +${f.download.rssGrowthMiB.toFixed(0)} MiB (< ${UPLOAD_RSS_TARGET_MIB} MiB: ${met(Math.max(f.upload.rssGrowthMiB, f.download.rssGrowthMiB) < UPLOAD_RSS_TARGET_MIB)})`,
  ];
}
