import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { GraphqlContext, Public } from '@app/core';
import { DocketEntry, toDocketEntry, type DocketEntryEntity } from '@app/registry';
import { LiveDocketHub } from './live-docket.hub';
import { refreshLiveContext } from './live-connection';

@Resolver(() => DocketEntry)
export class LiveDocketResolver {
  constructor(private readonly hub: LiveDocketHub) {}

  // The docket is public (libs/registry/src/disputes/disputes.resolver.ts), so anyone may follow
  // it live. Each event goes out as the DocketEntry type, whose `documents` field resolves through
  // the document policy for this subscriber (DocketEntryDocumentsResolver), so an anonymous
  // subscriber sees the PUBLIC documents only and a party what it may see. A dispute that does not
  // exist is no error: the subscription simply never delivers, so it tells nothing apart.
  @Public()
  @Subscription(() => DocketEntry, {
    description:
      'Docket entries as they are committed: of one dispute, or of every dispute when disputeId is left out. Public; documents as you may see them. An entry of a step that was refused or rolled back is never sent. Over graphql-ws at /graphql; connectionParams { authorization: "Bearer <token>" } to sign in',
    resolve: async (entry: DocketEntryEntity, _args: unknown, context: GraphqlContext) => {
      await refreshLiveContext(context);
      return toDocketEntry(entry);
    },
  })
  docketEntryAdded(
    @Args('disputeId', {
      type: () => ID,
      nullable: true,
      description: 'Only the entries of this dispute (UUID); all disputes when left out',
    })
    disputeId?: string | null,
  ): AsyncIterableIterator<DocketEntryEntity> {
    return this.hub.subscribe({ disputeId: disputeId ?? null });
  }
}
