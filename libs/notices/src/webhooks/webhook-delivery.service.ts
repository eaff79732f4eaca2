import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, CommandRunner, DomainError, type CommandContext } from '@app/core';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { DataSource } from 'typeorm';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { signWebhook } from './webhook-signature';
import { checkResolved, checkWebhookUrl } from './webhook-url';
import { WebhooksService } from './webhooks.service';

/** The waits after the 1st, 2nd, … failed attempt; after the last, the delivery has failed. */
export const WEBHOOK_BACKOFF_SECONDS = [30, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600];
/** How long an attempt may take, from connecting to the end of the answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of an answer's body is kept. */
export const WEBHOOK_RESPONSE_BYTES = 2048;
const BATCH = 20;
// A claimed row is not due again before this, so no other worker sends it while this one does;
// longer than an attempt can take.
const LEASE_MS = 2 * WEBHOOK_TIMEOUT_MS + 10_000;
// One sweep sends at most this many batches, so that a backlog does not hold the sweep.
const MAX_BATCHES = 10;

interface Claimed {
  id: string;
  endpoint_id: string;
  payload: Record<string, unknown>;
  attempts: number;
}

interface Outcome {
  status: number | null;
  response: string | null;
  error: string | null;
}

/** One claimed delivery once tried (or found without a live endpoint), to be recorded. */
interface Tried {
  claimed: Claimed;
  /** null: the endpoint was disabled or removed, nothing was sent. */
  outcome: Outcome | null;
  startedAt: Date;
  durationMs: number;
}

// PostgreSQL text holds no NUL: an answer with one must not stop the worker from recording it.
const storable = (text: string) => text.replaceAll('\u0000', '\ufffd');

/**
 * Sends the webhook deliveries that are due (README, "Webhooks"): claims them in a short statement
 * (FOR UPDATE SKIP LOCKED, the lease pushed ahead), POSTs each signed as Standard Webhooks says,
 * follows no redirect, and records every attempt. A 2xx answer delivers; anything else is retried
 * after {@link WEBHOOK_BACKOFF_SECONDS}, then given up on. Any number of workers may run it.
 *
 * The POSTs go out with no transaction open; the outcomes of a batch are then recorded in one
 * audited command (`deliverWebhooks`: an attempt row each, the deliveries updated), as the mails
 * of the notices are (`deliverNotices`), so the audit trail shows every change of these tables.
 */
@Injectable()
export class WebhookDelivery {
  private readonly logger = new Logger(WebhookDelivery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly webhooks: WebhooksService,
    private readonly commands: CommandRunner,
  ) {}

  /** Sends what is due; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const now = this.clock.now();
      // TypeORM answers an UPDATE … RETURNING with [rows, count].
      const [claimed]: [Claimed[], number] = await this.dataSource.query(
        `WITH due AS (
           SELECT id FROM webhook_deliveries
            WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
            ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE webhook_deliveries d SET next_attempt_at = $3 FROM due WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id, d.payload, d.attempts`,
        [now, BATCH, new Date(now.getTime() + LEASE_MS)],
      );
      if (claimed.length === 0) break;
      const endpoints = await this.dataSource
        .getRepository(WebhookEndpointEntity)
        .createQueryBuilder('w')
        .where('w.id IN (:...ids)', { ids: [...new Set(claimed.map((c) => c.endpoint_id))] })
        .getMany();
      const tried = await Promise.all(claimed.map((c) => this.tryOne(c, endpoints.find((e) => e.id === c.endpoint_id) ?? null)));
      delivered += await this.record(tried);
      if (claimed.length < BATCH) break;
    }
    return delivered;
  }

  /** POSTs one claimed delivery (nothing for a disabled or removed endpoint); no transaction is open meanwhile. */
  private async tryOne(claimed: Claimed, endpoint: WebhookEndpointEntity | null): Promise<Tried> {
    const startedAt = this.clock.now();
    if (!endpoint || endpoint.disabledAt) return { claimed, outcome: null, startedAt, durationMs: 0 };
    const startedMs = performance.now();
    let outcome: Outcome;
    try {
      outcome = await this.attempt(claimed, endpoint);
    } catch (error) {
      outcome = { status: null, response: null, error: error instanceof Error ? error.message : String(error) };
    }
    return { claimed, outcome, startedAt, durationMs: Math.round(performance.now() - startedMs) };
  }

  /** The outcomes of a batch, in one command; answers how many were delivered. */
  private record(tried: Tried[]): Promise<number> {
    return this.commands.run({ actor: null, operation: 'deliverWebhooks' }, async (ctx) => {
      const counts = { delivered: 0, retrying: 0, failed: 0 };
      for (const t of tried) counts[await this.recordOne(ctx, t)] += 1;
      ctx.target('WebhookDelivery', tried[0].claimed.id, { ...counts, ids: tried.map((t) => t.claimed.id) });
      return counts.delivered;
    });
  }

  private async recordOne(
    ctx: CommandContext,
    { claimed, outcome, startedAt, durationMs }: Tried,
  ): Promise<'delivered' | 'retrying' | 'failed'> {
    if (!outcome) {
      await ctx.em.query(`UPDATE webhook_deliveries SET failed_at = $2, last_error = $3 WHERE id = $1`, [
        claimed.id,
        ctx.now,
        'The endpoint was disabled',
      ]);
      return 'failed';
    }
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    if (!ok && outcome.status !== null && !outcome.error) outcome.error = `The endpoint answered ${outcome.status}`;
    const attempts = claimed.attempts + 1;
    const wait = WEBHOOK_BACKOFF_SECONDS[attempts - 1];
    const now = ctx.now;
    const response = outcome.response === null ? null : storable(outcome.response);
    const error = outcome.error === null ? null : storable(outcome.error).slice(0, 500);
    await ctx.em.query(
      `INSERT INTO webhook_attempts (delivery_id, attempted_at, status, response, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
      [claimed.id, startedAt, outcome.status, response, ok ? null : error, durationMs],
    );
    await ctx.em.query(
      `UPDATE webhook_deliveries SET attempts = $2, last_status = $3, last_response = $4, last_error = $5,
         delivered_at = $6, failed_at = $7, next_attempt_at = $8 WHERE id = $1`,
      [
        claimed.id,
        attempts,
        outcome.status,
        response,
        ok ? null : error,
        ok ? now : null,
        !ok && wait === undefined ? now : null,
        ok || wait === undefined ? now : new Date(now.getTime() + wait * 1000),
      ],
    );
    if (ok) return 'delivered';
    this.logger.warn(`Webhook ${claimed.id}: attempt ${attempts} failed (${error})`);
    return wait === undefined ? 'failed' : 'retrying';
  }

  /** One POST, to the address checked now (DNS may have changed since the endpoint was registered). */
  private async attempt(claimed: Claimed, endpoint: WebhookEndpointEntity): Promise<Outcome> {
    const production = this.config.isProduction;
    let url: URL;
    let pinned: { address: string; family: number } | null;
    try {
      url = checkWebhookUrl(endpoint.url, { production });
      pinned = await checkResolved(url, { production, lookup: this.webhooks.lookup });
    } catch (error) {
      if (error instanceof DomainError) return { status: null, response: null, error: `${error.code}: ${error.message}` };
      throw error;
    }
    const body = JSON.stringify(claimed.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'dispute-body-webhooks',
      'webhook-id': claimed.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(this.webhooks.secretOf(endpoint), claimed.id, timestamp, body),
    };
    return post(url, pinned, headers, body);
  }
}

/** POSTs once: no redirect followed, at most {@link WEBHOOK_TIMEOUT_MS}, the first 2 KB of the answer kept. */
function post(
  url: URL,
  pinned: { address: string; family: number } | null,
  headers: Record<string, string>,
  body: string,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    // Connect to the checked address, whatever the resolver would answer now.
    const lookup: LookupFunction | undefined = pinned
      ? (_host, options, callback) => {
          if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
          else callback(null, pinned.address, pinned.family);
        }
      : undefined;
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // A connection of its own: no socket reused across endpoints or checks.
        agent: false,
        ...(lookup ? { lookup } : {}),
      },
      (response) => {
        const status = response.statusCode ?? null;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          settle({ status, response: Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_BYTES).toString('utf8'), error: null });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= WEBHOOK_RESPONSE_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
        response.on('close', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`));
    }, WEBHOOK_TIMEOUT_MS);
    request.on('error', (error) => settle({ status: null, response: null, error: error.message }));
    request.end(body);
  });
}
