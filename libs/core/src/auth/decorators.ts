import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { clientAddress } from '../rate-limit/client-address';
import type { Actor, Role } from './actor';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES_KEY = 'auth:roles';
export const ALLOW_DURING_MFA_ENROLMENT = 'auth:allowDuringMfaEnrolment';

/** The operation may be called without signing in (the public docket, sign-in itself). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the operation; the service's policy still decides on the record. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The operation is open to a sign-in that may only enrol its second factor (`me`, `enrollTotp`,
 * `confirmTotp`); every other operation refuses such a sign-in, or on a public one reads it as
 * anonymous.
 */
export const AllowDuringMfaEnrolment = () => SetMetadata(ALLOW_DURING_MFA_ENROLMENT, true);

export function requestOf(context: ExecutionContext): { user?: Actor | null; ip?: string } {
  if (context.getType<'graphql' | 'http'>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext().req;
  }
  return context.switchToHttp().getRequest();
}

/**
 * The signed-in user as an {@link Actor}, or null on a public operation called anonymously. A
 * sign-in that may only enrol its second factor is anonymous but in the operations open to it: the
 * request's user is shared by every field of a GraphQL operation, so this is where it is masked.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | null => {
  const user = requestOf(context).user ?? null;
  if (user?.mfaEnrolmentOnly && !Reflect.getMetadata(ALLOW_DURING_MFA_ENROLMENT, context.getHandler())) return null;
  return user;
});

/**
 * The client's address, for throttling: the connection's, or the one a proxy of TRUSTED_PROXIES
 * forwarded (Express's `trust proxy`, set from that list at boot).
 */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string => clientAddress(requestOf(context).ip));
