import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentUser, Roles } from '../auth/decorators';
import { ConnectionArgs, mapPage } from '../graphql/pagination';
import { AuditService } from './audit.service';
import { AuditChainVerification, AuditRecordConnection, toAuditRecord } from './audit.type';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles('SECRETARIAT')
  @Query(() => AuditChainVerification, {
    description: 'Recomputes the whole hash chain and names the first record that no longer matches',
  })
  async verifyAuditChain(@CurrentUser() actor: Actor): Promise<AuditChainVerification> {
    const result = await this.audit.verifyFor(actor);
    return { ...result, firstInvalid: result.firstInvalid ? toAuditRecord(result.firstInvalid) : null };
  }

  @Roles('SECRETARIAT')
  @Query(() => AuditRecordConnection, { description: 'The audit trail, newest first' })
  async auditLog(@CurrentUser() actor: Actor, @Args() args: ConnectionArgs): Promise<AuditRecordConnection> {
    return mapPage(await this.audit.list(actor, args), toAuditRecord);
  }
}
