import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from './json.scalar';
import { Connection } from '../graphql/pagination';
import { AuditRecordEntity } from './audit-record.entity';

@ObjectType({ description: 'One mutation in the hash-chained audit trail' })
export class AuditRecord {
  @Field({ description: 'Position in the chain' })
  seq: string;

  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'The user who acted; null for the system' })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  actorRole: string | null;

  @Field()
  operation: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSON)
  details: Record<string, unknown>;

  @Field()
  prevHash: string;

  @Field()
  hash: string;
}

@ObjectType()
export class AuditRecordConnection extends Connection(AuditRecord) {}

@ObjectType()
export class AuditChainVerification {
  @Field()
  valid: boolean;

  @Field(() => Int, { description: 'Records checked, up to and including the first bad one' })
  checked: number;

  @Field(() => AuditRecord, { nullable: true, description: 'The first record that no longer matches' })
  firstInvalid: AuditRecord | null;

  @Field(() => String, { nullable: true, description: 'HASH_MISMATCH or BROKEN_LINK' })
  reason: string | null;
}

export function toAuditRecord(entity: AuditRecordEntity): AuditRecord {
  return {
    seq: entity.seq,
    id: entity.id,
    occurredAt: entity.occurredAt,
    actorId: entity.actorId,
    actorRole: entity.actorRole,
    operation: entity.operation,
    targetType: entity.targetType,
    targetId: entity.targetId,
    details: entity.details,
    prevHash: entity.prevHash,
    hash: entity.hash,
  };
}
