import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { clientAddress } from '../rate-limit/client-address';
import type { Actor, Role } from './actor';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES_KEY = 'auth:roles';

/** The operation may be called without signing in (the public docket, sign-in itself). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the operation; the service's policy still decides on the record. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export function requestOf(context: ExecutionContext): { user?: Actor | null; ip?: string } {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext().req;
  }
  return context.switchToHttp().getRequest();
}

/** The signed-in user as an {@link Actor}, or null on a public operation called anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => requestOf(context).user ?? null,
);

/**
 * The client's address, for throttling: the connection's, or the one a proxy of TRUSTED_PROXIES
 * forwarded (Express's `trust proxy`, set from that list at boot).
 */
export const ClientIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => clientAddress(requestOf(context).ip),
);
