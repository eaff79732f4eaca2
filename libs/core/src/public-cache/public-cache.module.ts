import { Global, Module } from '@nestjs/common';
import { PublicCache } from './public-cache.service';

/**
 * The cache of public answers, for the GraphQL module's plugin, the bootstrap's middleware and the
 * public pages: global, so the API process has one store and one LISTEN (the worker does not import it).
 */
@Global()
@Module({ providers: [PublicCache], exports: [PublicCache] })
export class PublicCacheModule {}
