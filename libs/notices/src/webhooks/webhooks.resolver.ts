import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, ConnectionArgs, CurrentUser, Roles } from '@app/core';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import {
  RegisterWebhookInput,
  WebhookDeliveriesArgs,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointWithSecret,
  toWebhookDelivery,
  toWebhookEndpoint,
} from './webhook.type';
import { WebhooksService } from './webhooks.service';

const WHO = "Member delegates (their member's endpoints) and the secretariat (its own)";

@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Mutation(() => WebhookEndpointWithSecret, {
    description: `Registers an endpoint to which the events of the disputes your member takes part in (the secretariat: all disputes) are POSTed, signed (Standard Webhooks); returns its secret, shown this once. ${WHO}`,
  })
  async registerWebhook(
    @CurrentUser() actor: Actor,
    @Args('input', { description: 'The URL, a description and the events to receive' }) input: RegisterWebhookInput,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.service.register(actor, input);
    return { endpoint: await this.view(endpoint), secret };
  }

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Mutation(() => WebhookEndpoint, {
    description: `Disables an endpoint: it receives nothing more, and its pending deliveries are not sent. ${WHO}`,
  })
  async disableWebhook(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: "The endpoint's id (UUID)" }) id: string,
  ): Promise<WebhookEndpoint> {
    return this.view(await this.service.disable(actor, id));
  }

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Mutation(() => WebhookEndpointWithSecret, {
    description: `A new signing secret for an endpoint, shown this once; the old one stops signing at once. ${WHO}`,
  })
  async rotateWebhookSecret(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: "The endpoint's id (UUID)" }) id: string,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.service.rotateSecret(actor, id);
    return { endpoint: await this.view(endpoint), secret };
  }

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Mutation(() => WebhookDelivery, {
    description: `Sends a delivery again, as soon as the worker can, with the same webhook-id (so a receiver that has it drops it). ${WHO}`,
  })
  async replayWebhookDelivery(
    @CurrentUser() actor: Actor,
    @Args('id', { type: () => ID, description: "The delivery's id (the webhook-id header, msg_…)" }) id: string,
  ): Promise<WebhookDelivery> {
    return toWebhookDelivery(await this.service.replay(actor, id), []);
  }

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Query(() => WebhookEndpointConnection, {
    description: `Your member's webhook endpoints (the secretariat: its own), newest first. ${WHO}`,
  })
  async webhooks(@CurrentUser() actor: Actor, @Args() args: ConnectionArgs): Promise<WebhookEndpointConnection> {
    const page = await this.service.list(actor, args);
    const codes = await this.service.memberCodes(page.nodes);
    const view = (e: WebhookEndpointEntity) => toWebhookEndpoint(e, e.ownerMemberId ? (codes.get(e.ownerMemberId) ?? null) : null);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })), nodes: page.nodes.map(view) };
  }

  @Roles('SECRETARIAT', 'MEMBER_DELEGATE')
  @Query(() => WebhookDeliveryConnection, {
    description: `The deliveries of one of your endpoints, newest first, with their status, the last answer and the latest attempts. ${WHO}`,
  })
  async webhookDeliveries(@CurrentUser() actor: Actor, @Args() args: WebhookDeliveriesArgs): Promise<WebhookDeliveryConnection> {
    const { page, attempts } = await this.service.deliveries(actor, args);
    const view = (d: (typeof page.nodes)[number]) => toWebhookDelivery(d, attempts.get(d.id) ?? []);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })), nodes: page.nodes.map(view) };
  }

  private async view(endpoint: WebhookEndpointEntity): Promise<WebhookEndpoint> {
    const codes = await this.service.memberCodes([endpoint]);
    return toWebhookEndpoint(endpoint, endpoint.ownerMemberId ? (codes.get(endpoint.ownerMemberId) ?? null) : null);
  }
}
