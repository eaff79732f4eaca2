import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  CommandContext,
  CommandRunner,
  ConnectionArgs,
  DomainError,
  MembersService,
  Page,
  badInput,
  keysetPage,
  notFound,
  openSecret,
  requireRole,
  resolveMfaKey,
  sealSecret,
} from '@app/core';
import {
  DisputesService,
  DocketObservers,
  DocumentsService,
  docketNumber,
  isThirdParty,
  type DocketEntryEntity,
  type EntryReads,
} from '@app/registry';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { DataSource, In } from 'typeorm';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity, type WebhookEventType } from './webhook-endpoint.entity';
import { newWebhookSecret } from './webhook-signature';
import { checkResolved, checkWebhookUrl, type HostLookup } from './webhook-url';
import { ATTEMPT_LOG_SIZE, RegisterWebhookInput, WebhookDeliveriesArgs, toWireEvent } from './webhook.type';

/** The owner an actor acts for: its member, or (null) the secretariat. */
type Owner = string | null;

/** The context a secret is sealed under: a sealed secret copied onto another endpoint's row does not open. */
const sealContext = (endpointId: string) => `webhook:${endpointId}`;

export const systemLookup: HostLookup = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Webhooks for integrators: who registers and manages endpoints (one policy, here), and the events
 * written for them in the transaction of each docket entry. The worker sends them
 * (`WebhookDelivery`).
 *
 * Policy: a member's delegate registers endpoints for its member, which receive the events of the
 * disputes where that member is a party or a third party; the secretariat registers its own, which
 * receive those of every dispute. Each sees and acts only on its owner's endpoints: another's is
 * NOT_FOUND, as if it did not exist. Panelists and the public register none (FORBIDDEN).
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private key: Buffer | null = null;
  /** The resolver the URL checks use; a test of the production checks puts its own. */
  lookup: HostLookup = systemLookup;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly disputes: DisputesService,
    private readonly documents: DocumentsService,
    private readonly docketObservers: DocketObservers,
  ) {}

  onModuleInit(): void {
    this.docketObservers.register((ctx, entry, shared) => this.onDocketEntry(ctx, entry, shared));
  }

  /** A new endpoint of the actor's owner; its secret is returned here and never again. */
  async register(actor: Actor | null, input: RegisterWebhookInput): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const owner = ownerOf(actor);
    const url = await this.checkUrl(input.url, 'input.url');
    if (input.eventTypes.length === 0) {
      throw badInput('input.eventTypes', 'Name at least one event type to receive', 'WEBHOOK_EVENT_TYPES_REQUIRED');
    }
    return this.commands.run({ actor, operation: 'registerWebhook' }, async (ctx) => {
      const id = randomUUID();
      const secret = newWebhookSecret();
      const endpoint = await ctx.em.getRepository(WebhookEndpointEntity).save(
        ctx.em.create(WebhookEndpointEntity, {
          id,
          ownerMemberId: owner,
          url: url.href,
          description: input.description.trim(),
          secretSealed: this.seal(id, secret),
          eventTypes: input.eventTypes.map(toWireEvent),
          createdAt: ctx.now,
          createdBy: actor!.userId,
          secretRotatedAt: null,
          disabledAt: null,
        }),
      );
      // The host only: a URL may carry an integrator's token in its path or query, and the secret never appears.
      ctx.target('WebhookEndpoint', id, { host: url.host, eventTypes: endpoint.eventTypes, memberId: owner });
      return { endpoint, secret };
    });
  }

  /** Stops the endpoint's events; its pending deliveries are not sent. */
  disable(actor: Actor | null, id: string): Promise<WebhookEndpointEntity> {
    const owner = ownerOf(actor);
    return this.commands.run({ actor, operation: 'disableWebhook' }, async (ctx) => {
      const endpoint = await this.activeEndpoint(ctx, owner, id);
      endpoint.disabledAt = ctx.now;
      await ctx.em.getRepository(WebhookEndpointEntity).update({ id }, { disabledAt: ctx.now });
      ctx.target('WebhookEndpoint', id);
      return endpoint;
    });
  }

  /** A new secret for the endpoint, returned here and never again; the old one stops signing at once. */
  rotateSecret(actor: Actor | null, id: string): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const owner = ownerOf(actor);
    return this.commands.run({ actor, operation: 'rotateWebhookSecret' }, async (ctx) => {
      const endpoint = await this.activeEndpoint(ctx, owner, id);
      const secret = newWebhookSecret();
      endpoint.secretSealed = this.seal(id, secret);
      endpoint.secretRotatedAt = ctx.now;
      await ctx.em.getRepository(WebhookEndpointEntity).update({ id }, { secretSealed: endpoint.secretSealed, secretRotatedAt: ctx.now });
      ctx.target('WebhookEndpoint', id);
      return { endpoint, secret };
    });
  }

  /** Queues a delivery again, now, with the same webhook-id (a receiver that lost it, or one that was down too long). */
  replay(actor: Actor | null, deliveryId: string): Promise<WebhookDeliveryEntity> {
    const owner = ownerOf(actor);
    return this.commands.run({ actor, operation: 'replayWebhookDelivery' }, async (ctx) => {
      const delivery = /^msg_[0-9a-f]{32}$/.test(deliveryId)
        ? await ctx.em.getRepository(WebhookDeliveryEntity).findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } })
        : null;
      const endpoint = delivery ? await ctx.em.getRepository(WebhookEndpointEntity).findOneBy({ id: delivery.endpointId }) : null;
      if (!delivery || !endpoint || endpoint.ownerMemberId !== owner) {
        throw notFound('Webhook delivery', deliveryId, 'WEBHOOK_DELIVERY_NOT_FOUND');
      }
      if (endpoint.disabledAt) throw disabled(endpoint.id);
      Object.assign(delivery, { nextAttemptAt: ctx.now, attempts: 0, deliveredAt: null, failedAt: null });
      await ctx.em
        .getRepository(WebhookDeliveryEntity)
        .update({ id: delivery.id }, { nextAttemptAt: ctx.now, attempts: 0, deliveredAt: null, failedAt: null });
      ctx.target('WebhookDelivery', delivery.id, { endpointId: endpoint.id });
      return delivery;
    });
  }

  /** The actor's owner's endpoints, newest first. */
  list(actor: Actor | null, args: ConnectionArgs): Promise<Page<WebhookEndpointEntity>> {
    const owner = ownerOf(actor);
    const qb = this.dataSource.getRepository(WebhookEndpointEntity).createQueryBuilder('w');
    if (owner) qb.where('w.owner_member_id = :owner', { owner });
    else qb.where('w.owner_member_id IS NULL');
    return keysetPage(
      qb,
      args,
      { sortExpression: 'w.created_at', alias: 'w', sortValue: (w) => w.createdAt.toISOString(), direction: 'DESC' },
      (w) => w,
    );
  }

  /** The deliveries of one of the actor's owner's endpoints, newest first, each with its latest attempts. */
  async deliveries(
    actor: Actor | null,
    args: WebhookDeliveriesArgs,
  ): Promise<{ page: Page<WebhookDeliveryEntity>; attempts: Map<string, WebhookAttemptEntity[]> }> {
    const owner = ownerOf(actor);
    await this.ownEndpoint(this.dataSource.manager, owner, args.endpointId);
    const qb = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId', { endpointId: args.endpointId });
    const page = await keysetPage(
      qb,
      args,
      { sortExpression: 'd.created_at', alias: 'd', sortValue: (d) => d.createdAt.toISOString(), direction: 'DESC' },
      (d) => d,
    );
    const attempts = new Map<string, WebhookAttemptEntity[]>();
    if (page.nodes.length) {
      // The latest attempts of each delivery of the page, in one query.
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY delivery_id ORDER BY attempted_at DESC, id DESC) AS n
           FROM webhook_attempts WHERE delivery_id = ANY($1::text[])) a WHERE n <= $2`,
        [page.nodes.map((d) => d.id), ATTEMPT_LOG_SIZE],
      );
      const entities = rows.length
        ? await this.dataSource.getRepository(WebhookAttemptEntity).find({
            where: { id: In(rows.map((r) => r.id)) },
            order: { attemptedAt: 'DESC', id: 'DESC' },
          })
        : [];
      for (const a of entities) attempts.set(a.deliveryId, [...(attempts.get(a.deliveryId) ?? []), a]);
    }
    return { page, attempts };
  }

  /** The codes of the endpoints' owners, by member id. */
  async memberCodes(endpoints: readonly WebhookEndpointEntity[]): Promise<Map<string, string>> {
    const ids = endpoints.map((e) => e.ownerMemberId).filter((id): id is string => id !== null);
    const members = await this.members.byIds(this.dataSource.manager, ids);
    return new Map(members.map((m) => [m.id, m.code]));
  }

  /**
   * A URL as the rules accept it (README, "Webhooks"): written correctly and, in production, to a
   * public address. The worker checks it again before each delivery, with the address to connect to.
   */
  async checkUrl(raw: string, field = 'url'): Promise<URL> {
    const production = this.config.isProduction;
    const url = checkWebhookUrl(raw, { production }, field);
    await checkResolved(url, { production, lookup: this.lookup }, field);
    return url;
  }

  /** The endpoint's signing secret, for the worker. */
  secretOf(endpoint: Pick<WebhookEndpointEntity, 'id' | 'secretSealed'>): string {
    return openSecret(this.keyBytes(), endpoint.secretSealed, sealContext(endpoint.id)).toString('utf8');
  }

  private seal(endpointId: string, secret: string): string {
    return sealSecret(this.keyBytes(), Buffer.from(secret, 'utf8'), sealContext(endpointId));
  }

  // Resolved on first use, like the second factor's (libs/core/src/auth/second-factor.service.ts).
  private keyBytes(): Buffer {
    this.key ??= resolveMfaKey(this.config);
    return this.key;
  }

  private async ownEndpoint(em: CommandContext['em'], owner: Owner, id: string, lock = false): Promise<WebhookEndpointEntity> {
    const endpoint = isUUID(id)
      ? await em
          .getRepository(WebhookEndpointEntity)
          .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    // Another owner's endpoint does not exist for the caller.
    if (!endpoint || endpoint.ownerMemberId !== owner) throw notFound('Webhook endpoint', id, 'WEBHOOK_NOT_FOUND');
    return endpoint;
  }

  private async activeEndpoint(ctx: CommandContext, owner: Owner, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.ownEndpoint(ctx.em, owner, id, true);
    if (endpoint.disabledAt) throw disabled(id);
    return endpoint;
  }

  /**
   * In the transaction of every docket entry: one delivery per active endpoint entitled to the
   * entry's dispute (the secretariat's, and those of its parties and third parties), carrying only
   * the documents the endpoint's owner may see under the document policy. A step rolled back takes
   * its deliveries with it.
   */
  private async onDocketEntry(ctx: CommandContext, entry: DocketEntryEntity, shared: EntryReads): Promise<void> {
    const type: WebhookEventType = 'docket.entry';
    // Read once for every observer of the entry (the notices read them first).
    const parties = await shared.once('parties', () => this.disputes.partiesOf(ctx.em, entry.disputeId));
    // A member whose request to join is pending or was refused is not a third party (DSU 4.11).
    const entitled = parties.filter((p) => p.kind !== 'THIRD_PARTY' || isThirdParty(p)).map((p) => p.memberId);
    const endpoints: { id: string; owner_member_id: string | null }[] = await ctx.em.query(
      `SELECT id, owner_member_id FROM webhook_endpoints
        WHERE disabled_at IS NULL AND $1 = ANY(event_types) AND (owner_member_id IS NULL OR owner_member_id = ANY($2::uuid[]))`,
      [type, entitled],
    );
    if (endpoints.length === 0) return;
    const [dispute] = await shared.once('dispute', () => this.disputes.byIds(ctx.em, [entry.disputeId]));
    const owners = [...new Set(endpoints.map((e) => e.owner_member_id))];
    const visible = await this.documents.visibleToAudiences(
      ctx.em,
      entry.disputeId,
      entry.documentIds,
      owners.map((memberId) => ({ memberId })),
    );
    const documentsOf = new Map(owners.map((owner, i) => [owner, visible[i]]));
    const rows = endpoints.map((endpoint) => {
      const documents = (documentsOf.get(endpoint.owner_member_id) ?? [])
        // In the order the entry lists them.
        .sort((a, b) => entry.documentIds.indexOf(a.id) - entry.documentIds.indexOf(b.id))
        .map((d) => ({
          id: d.id,
          kind: d.kind,
          title: d.title,
          classification: d.classification,
          fileName: d.fileName,
          mediaType: d.mediaType,
          sizeBytes: d.sizeBytes,
          sha256: d.sha256,
          filedAt: d.filedAt.toISOString(),
          downloadPath: `/documents/${d.id}/content`,
        }));
      return {
        id: `msg_${randomUUID().replace(/-/g, '')}`,
        endpointId: endpoint.id,
        eventType: type,
        payload: {
          type,
          timestamp: entry.occurredAt.toISOString(),
          data: {
            disputeId: entry.disputeId,
            docketNumber: dispute ? docketNumber(dispute) : null,
            entryId: entry.id,
            seq: entry.seq,
            kind: entry.kind,
            text: entry.text,
            occurredAt: entry.occurredAt.toISOString(),
            actorRole: entry.actorRole,
            correctsId: entry.correctsId,
            documents,
          },
        },
        createdAt: ctx.now,
        nextAttemptAt: ctx.now,
        attempts: 0,
      };
    });
    await ctx.em.getRepository(WebhookDeliveryEntity).insert(rows);
  }
}

/** The owner an actor registers and manages endpoints for; refuses panelists and the public. */
function ownerOf(actor: Actor | null): Owner {
  const signedIn = requireRole(actor, 'SECRETARIAT', 'MEMBER_DELEGATE');
  if (signedIn.role === 'SECRETARIAT') return null;
  // Every delegate acts for a member (ck_users_member_role, migrations/1795657347877-Foundation.ts);
  // never let a missing one read as the secretariat's null.
  if (!signedIn.memberId) throw new Error('A member delegate without a member');
  return signedIn.memberId;
}

const disabled = (id: string) =>
  new DomainError('INVALID_TRANSITION', 'WEBHOOK_DISABLED', `Webhook endpoint ${id} is disabled: register a new one`);
