import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection, ConnectionArgs, GraphQLJSON, graphqlEnum } from '@app/core';
import { ArrayMaxSize, ArrayUnique, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import type { WebhookEventType } from './webhook-endpoint.entity';
import type { WebhookAttemptEntity } from './webhook-attempt.entity';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';

// GraphQL enum values cannot hold a dot: DOCKET_ENTRY in the schema is `docket.entry` on the wire.
const EVENT_NAMES = ['DOCKET_ENTRY'] as const;
type EventName = (typeof EVENT_NAMES)[number];
const WIRE: Record<EventName, WebhookEventType> = { DOCKET_ENTRY: 'docket.entry' };
export const toWireEvent = (name: EventName): WebhookEventType => WIRE[name];
const fromWireEvent = (type: WebhookEventType): EventName => EVENT_NAMES.find((n) => WIRE[n] === type)!;
/** How many of a delivery's attempts `attemptLog` shows. */
export const ATTEMPT_LOG_SIZE = 20;

export const WebhookEventTypeEnum = graphqlEnum(EVENT_NAMES, 'WebhookEventType', 'The events a webhook endpoint receives', {
  DOCKET_ENTRY:
    "An entry appended to the docket of a dispute the endpoint's owner is entitled to (payload type `docket.entry`), with the documents its owner may see",
});

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const WebhookDeliveryStatusEnum = graphqlEnum(DELIVERY_STATUSES, 'WebhookDeliveryStatus', 'Where a webhook delivery stands', {
  PENDING: 'Not yet delivered: waiting for its first attempt or for a retry (nextAttemptAt)',
  DELIVERED: 'The endpoint answered 2xx',
  FAILED: 'Given up on after the last retry, or the endpoint was disabled; replayWebhookDelivery queues it again',
});

@InputType({ description: 'An endpoint to register for webhooks' })
export class RegisterWebhookInput {
  @Field({
    description:
      'Where to POST the events: an https:// URL (http:// only to this machine outside production); in production never a private or internal address',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @Field({ description: 'What the endpoint is for, for whoever reads the list later (at most 500 characters)' })
  @IsString()
  @MaxLength(500)
  description: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The events to receive: at least one' })
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(EVENT_NAMES, { each: true })
  eventTypes: EventName[];
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID, { description: "The endpoint's id (UUID)" })
  @IsUUID('all', { message: 'endpointId must be a webhook endpoint id' })
  endpointId: string;
}

@ObjectType({
  description: 'An address to which the events of the disputes its owner is entitled to are POSTed, signed (Standard Webhooks)',
})
export class WebhookEndpoint {
  @Field(() => ID, { description: "The endpoint's id (UUID)" })
  id: string;

  @Field({ description: 'Where the events are POSTed' })
  url: string;

  @Field({ description: 'What the endpoint is for' })
  description: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The code of the member whose endpoint it is (it receives the events of that member's disputes); null for the secretariat's (all disputes)",
  })
  memberCode: string | null;

  @Field(() => [WebhookEventTypeEnum], { description: 'The events it receives' })
  eventTypes: EventName[];

  @Field({ description: 'Whether it still receives events (false once disabled)' })
  active: boolean;

  @Field({ description: 'When it was registered' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When its secret was last rotated; null if never' })
  secretRotatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while active' })
  disabledAt: Date | null;
}

@ObjectType({ description: 'A page of webhook endpoints, newest first' })
export class WebhookEndpointConnection extends Connection(WebhookEndpoint) {}

@ObjectType({ description: 'An endpoint with its signing secret, shown this once (at registration and at each rotation)' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint, { description: 'The endpoint' })
  endpoint: WebhookEndpoint;

  @Field({
    description:
      'The signing secret (`whsec_` and base64): verify each request with it (Standard Webhooks). Never shown again: keep it now, or rotate it',
  })
  secret: string;
}

@ObjectType({ description: 'One HTTP attempt of a webhook delivery' })
export class WebhookAttempt {
  @Field({ description: 'When it was made' })
  attemptedAt: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the answer; null when none came' })
  status: number | null;

  @Field(() => String, { nullable: true, description: "The first 2 KB of the answer's body" })
  response: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed without an answer, or why the answer counts as a failure' })
  error: string | null;

  @Field(() => Int, { description: 'How long it took, in milliseconds' })
  durationMs: number;
}

@ObjectType({ description: 'One event for one endpoint, with its attempts' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The `webhook-id` header it is sent with, the same on every attempt and replay' })
  id: string;

  @Field(() => WebhookEventTypeEnum, { description: 'The event' })
  eventType: EventName;

  @Field(() => GraphQLJSON, { description: 'The JSON body sent: { type, timestamp, data }' })
  payload: Record<string, unknown>;

  @Field(() => WebhookDeliveryStatusEnum, { description: 'Pending, delivered or failed' })
  status: DeliveryStatus;

  @Field({ description: 'When the event was queued' })
  createdAt: Date;

  @Field(() => Int, { description: 'Attempts since it was queued or last replayed' })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once delivered or failed' })
  nextAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer' })
  lastStatus: number | null;

  @Field(() => String, { nullable: true, description: "The first 2 KB of the last answer's body" })
  lastResponse: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed' })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint answered 2xx' })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was given up on' })
  failedAt: Date | null;

  @Field(() => [WebhookAttempt], { description: `Its latest attempts (at most ${ATTEMPT_LOG_SIZE}), newest first` })
  attemptLog: WebhookAttempt[];
}

@ObjectType({ description: "A page of an endpoint's deliveries, newest first" })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

export function toWebhookEndpoint(entity: WebhookEndpointEntity, memberCode: string | null): WebhookEndpoint {
  return {
    id: entity.id,
    url: entity.url,
    description: entity.description,
    memberCode,
    eventTypes: entity.eventTypes.map(fromWireEvent),
    active: entity.disabledAt === null,
    createdAt: entity.createdAt,
    secretRotatedAt: entity.secretRotatedAt,
    disabledAt: entity.disabledAt,
  };
}

export function toWebhookDelivery(entity: WebhookDeliveryEntity, attempts: readonly WebhookAttemptEntity[]): WebhookDelivery {
  const status: DeliveryStatus = entity.deliveredAt ? 'DELIVERED' : entity.failedAt ? 'FAILED' : 'PENDING';
  return {
    id: entity.id,
    eventType: fromWireEvent(entity.eventType),
    payload: entity.payload,
    status,
    createdAt: entity.createdAt,
    attempts: entity.attempts,
    nextAttemptAt: status === 'PENDING' ? entity.nextAttemptAt : null,
    lastStatus: entity.lastStatus,
    lastResponse: entity.lastResponse,
    lastError: entity.lastError,
    deliveredAt: entity.deliveredAt,
    failedAt: entity.failedAt,
    attemptLog: attempts.map((a) => ({
      attemptedAt: a.attemptedAt,
      status: a.status,
      response: a.response,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}
