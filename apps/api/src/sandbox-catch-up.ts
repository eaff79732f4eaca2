import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig, SandboxCatchUp, SandboxService } from '@app/core';
import { NoticePreferencesService } from '@app/notices';
import { ElectionClosingService } from '@app/panels';
import { JobsService } from '../../worker/src/jobs.service';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** Zones (and digest hours) of the users' notice preferences looked at: a bound on the instants' work. */
const MAX_ZONES = 100;
/** Elections whose closing time falls on the way: a bound on one query. */
const MAX_ELECTIONS = 1000;

/** A wall-clock time in a time zone at which something becomes due each day. */
interface DailyTime {
  zone: string;
  hour: number;
}

/**
 * What the training sandbox replays when its clock moves (README, "Training sandbox"): the worker's
 * own round (JobsService.sweepOnce, the same code the queued sweep runs), at each instant on the way
 * where it would have found something new to do in real time:
 *
 * - the start of each day in the body's time zone: a limit due on a day runs out at its end, and
 *   the automatic steps and the daily audit checkpoint follow days (docs/procedure.md);
 * - the start of each day, and the digest hour, in each time zone the users chose for their notices:
 *   a reminder is due from the start of a day in its recipient's zone (README, "Notices by e-mail");
 * - each open election's closing time.
 *
 * The real worker sweeps every minute, so it does each of these within a minute of its instant;
 * the sandbox does it at the instant itself, which is what a case run on a stopped clock records.
 */
@Injectable()
export class ApiSandboxCatchUp extends SandboxCatchUp implements OnModuleInit {
  constructor(
    private readonly sandbox: SandboxService,
    private readonly jobs: JobsService,
    private readonly preferences: NoticePreferencesService,
    private readonly config: AppConfig,
    private readonly elections: ElectionClosingService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.sandbox.useCatchUp(this);
  }

  runRound(): Promise<void> {
    return this.jobs.sweepOnce();
  }

  async instantsBetween(from: Date, to: Date): Promise<Date[]> {
    const daily: DailyTime[] = [{ zone: this.config.BODY_TIME_ZONE, hour: 0 }];
    const zones = await this.preferences.zonesAndDigestHours(MAX_ZONES);
    for (const { zone, digestHour } of zones) {
      daily.push({ zone, hour: 0 });
      if (digestHour !== null) daily.push({ zone, hour: Number(digestHour) });
    }
    const instants = wallClockInstants(dedupe(daily), from, to);
    const elections = await this.elections.closingTimesBetween(from, to, MAX_ELECTIONS);
    return [...instants, ...elections];
  }
}

function dedupe(times: DailyTime[]): DailyTime[] {
  const seen = new Set<string>();
  return times.filter((time) => {
    const key = `${time.zone}@${time.hour}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The instants strictly between `from` and `to` at which the wall clock of a zone reads one of the
 * given hours on the hour. Every time zone's offset is a whole number of quarter hours, so looking
 * at each quarter hour of UTC finds them all.
 */
export function wallClockInstants(times: DailyTime[], from: Date, to: Date): Date[] {
  const formatters = times.map((time) => ({
    hour: time.hour,
    format: new Intl.DateTimeFormat('en-US', { timeZone: time.zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }),
  }));
  const found: Date[] = [];
  for (let t = Math.floor(from.getTime() / QUARTER_HOUR_MS + 1) * QUARTER_HOUR_MS; t < to.getTime(); t += QUARTER_HOUR_MS) {
    const instant = new Date(t);
    for (const { hour, format } of formatters) {
      const parts = format.formatToParts(instant);
      const h = Number(parts.find((p) => p.type === 'hour')?.value);
      const m = Number(parts.find((p) => p.type === 'minute')?.value);
      if (h === hour && m === 0) {
        found.push(instant);
        break;
      }
    }
  }
  return found;
}
