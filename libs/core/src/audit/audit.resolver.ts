import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { ConnectionArgs, mapPage } from '../graphql/pagination';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditService } from './audit.service';
import {
  AuditChainVerification,
  AuditCheckpointConnection,
  AuditPublicKey,
  AuditRecordConnection,
  toAuditCheckpoint,
  toAuditRecord,
} from './audit.type';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  @Roles('SECRETARIAT')
  @Query(() => AuditChainVerification, {
    description:
      'Recomputes the whole hash chain, checks every record’s signature and every stored checkpoint, and names the first record and the first checkpoint that no longer match. Secretariat only',
  })
  async verifyAuditChain(@CurrentUser() actor: Actor): Promise<AuditChainVerification> {
    const result = await this.audit.verifyFor(actor);
    return {
      valid: result.valid,
      checked: result.checked,
      firstInvalid: result.firstInvalidView ? toAuditRecord(result.firstInvalidView) : null,
      reason: result.reason,
      checkpointsChecked: result.checkpointsChecked,
      failedCheckpoint: result.failedCheckpoint ? toAuditCheckpoint(result.failedCheckpoint) : null,
      checkpointProblem: result.checkpointProblem,
      headSeq: result.head.seq,
      headHash: result.head.hash,
    };
  }

  @Roles('SECRETARIAT')
  @Query(() => AuditRecordConnection, { description: 'The audit trail, newest first, as the reader may see it. Secretariat only' })
  async auditLog(@CurrentUser() actor: Actor, @Args() args: ConnectionArgs): Promise<AuditRecordConnection> {
    return mapPage(await this.audit.list(actor, args), toAuditRecord);
  }

  @Public()
  @Query(() => AuditCheckpointConnection, {
    description:
      'Signed checkpoints of the audit chain’s head, newest first: public, so that anyone can keep them and check the trail later',
  })
  async auditCheckpoints(@Args() args: ConnectionArgs): Promise<AuditCheckpointConnection> {
    return mapPage(await this.checkpoints.list(args), toAuditCheckpoint);
  }

  @Public()
  @Query(() => AuditPublicKey, { description: 'The public key that checks the audit trail’s signatures and checkpoints. Public' })
  auditPublicKey(): AuditPublicKey {
    return { algorithm: 'Ed25519', keyId: this.checkpoints.keyId, pem: this.checkpoints.publicKeyPem };
  }
}
