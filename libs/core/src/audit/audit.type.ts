import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from './json.scalar';
import { Connection } from '../graphql/pagination';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { checkpointSigningText } from './audit-keys';
import type { AuditRecordView } from './audit-redactors';
import { statementOf } from './audit.service';

@ObjectType({
  description:
    'One mutation in the hash-chained audit trail, as the reader may see it: the stored record is complete (the chain covers it), ' +
    'but the actor of an anonymous act (a separate opinion, a vote on a report: DSU 14.3) is not named, and of a record about a document ' +
    'the reader may not see only the operation and the time are shown',
})
export class AuditRecord {
  @Field({ description: 'Position in the chain' })
  seq: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Null when the actor or the details are withheld (with the id and the hash, a withheld actor could be guessed)',
  })
  id: string | null;

  @Field({ description: 'When the mutation was committed (UTC instant)' })
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'The user who acted; null for the system, or when withheld' })
  actorId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The actor's role when acting (SECRETARIAT, MEMBER_DELEGATE, PANELIST); null for the system, or when withheld",
  })
  actorRole: string | null;

  @Field(() => String, { nullable: true, description: 'Who acted, when the actor is not named ("a seated panelist")' })
  actorShownAs: string | null;

  @Field({ description: 'The mutation, e.g. createMember, takeAction' })
  operation: string;

  @Field(() => String, { nullable: true, description: 'The kind of record it changed, e.g. Dispute, Document' })
  targetType: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the record it changed' })
  targetId: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null when withheld' })
  details: Record<string, unknown> | null;

  @Field({ description: 'The actor, target and details are withheld from this reader' })
  detailsWithheld: boolean;

  @Field(() => [String], { description: 'Why something is withheld, one sentence a rule' })
  withheldBecause: string[];

  @Field({ description: 'The hash of the record before it (hex SHA-256)' })
  prevHash: string;

  @Field({ description: "SHA-256 (hex) of this record's content and prevHash" })
  hash: string;

  @Field(() => String, {
    nullable: true,
    description: 'The application’s Ed25519 signature of the hash (base64); null on records older than signing',
  })
  signature: string | null;
}

@ObjectType({ description: 'A page of the audit trail, newest first' })
export class AuditRecordConnection extends Connection(AuditRecord) {}

@ObjectType({
  description:
    'A signed statement of the audit chain’s head: "the record at seq has hash", signed with the body’s audit key (auditPublicKey). ' +
    'Keep a copy: `npm run verify-audit -- <file>` checks it against the database at any later time.',
})
export class AuditCheckpoint {
  @Field(() => ID, { description: "The checkpoint's id (UUID)" })
  id: string;

  @Field({ description: 'Position of the head record (0: the chain was empty)' })
  seq: string;

  @Field({ description: 'The hash of the record at seq (hex SHA-256)' })
  hash: string;

  @Field({ description: 'When it was signed (UTC instant)' })
  madeAt: Date;

  @Field({ description: 'DAILY (the worker) or MEETING (a meeting of the body)' })
  reason: string;

  @Field(() => ID, { nullable: true, description: 'The meeting of the body it was made for (reason MEETING)' })
  meetingId: string | null;

  @Field({ description: 'The signing key’s id: the first 16 hex digits of the SHA-256 of its public key (DER)' })
  keyId: string;

  @Field({ description: 'Ed25519 signature (base64) of `signedText`' })
  signature: string;

  @Field({
    description: 'The exact text signed (UTF-8): a prefix line and the canonical JSON of seq, hash, madeAt, reason, meetingId, keyId',
  })
  signedText: string;
}

@ObjectType({ description: 'A page of audit checkpoints, newest first' })
export class AuditCheckpointConnection extends Connection(AuditCheckpoint) {}

@ObjectType({ description: "The public half of the body's audit signing key" })
export class AuditPublicKey {
  @Field({ description: 'Always Ed25519' })
  algorithm: string;

  @Field({ description: 'The first 16 hex digits of the SHA-256 of the public key (DER), as on each checkpoint' })
  keyId: string;

  @Field({ description: 'The public key, SPKI PEM' })
  pem: string;
}

@ObjectType({ description: 'The result of recomputing the audit chain (verifyAuditChain)' })
export class AuditChainVerification {
  @Field({ description: 'Every record and every checkpoint holds' })
  valid: boolean;

  @Field(() => Int, { description: 'Records checked, up to and including the first bad one' })
  checked: number;

  @Field(() => AuditRecord, { nullable: true, description: 'The first record that no longer matches' })
  firstInvalid: AuditRecord | null;

  @Field(() => String, { nullable: true, description: 'HASH_MISMATCH, BROKEN_LINK, BAD_SIGNATURE or MISSING_SIGNATURE' })
  reason: string | null;

  @Field(() => Int, { description: 'Stored checkpoints held against the chain' })
  checkpointsChecked: number;

  @Field(() => AuditCheckpoint, { nullable: true, description: 'The first checkpoint the chain no longer agrees with' })
  failedCheckpoint: AuditCheckpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CHECKPOINT_BAD_SIGNATURE (not signed with the key), CHECKPOINT_MISMATCH (another hash at its seq) or CHECKPOINT_BEYOND_HEAD (the chain ends before it)',
  })
  checkpointProblem: string | null;

  @Field({ description: 'The seq of the last record' })
  headSeq: string;

  @Field({ description: 'The hash of the last record' })
  headHash: string;
}

export function toAuditRecord(view: AuditRecordView): AuditRecord {
  return { ...view };
}

export function toAuditCheckpoint(entity: AuditCheckpointEntity): AuditCheckpoint {
  return {
    id: entity.id,
    seq: entity.seq,
    hash: entity.hash,
    madeAt: entity.madeAt,
    reason: entity.reason,
    meetingId: entity.meetingId,
    keyId: entity.keyId,
    signature: entity.signature,
    signedText: checkpointSigningText(statementOf(entity)),
  };
}
