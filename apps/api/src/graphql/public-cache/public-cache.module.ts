import { Module } from '@nestjs/common';
import { PublicCache } from './public-cache.service';

/** The cache of public answers, for the GraphQL module's plugin and the bootstrap's middleware. */
@Module({ providers: [PublicCache], exports: [PublicCache] })
export class PublicCacheModule {}
