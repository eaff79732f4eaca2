import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, forbidden, unauthenticated } from '../errors';
import type { Actor, Role } from './actor';
import { ALLOW_DURING_MFA_ENROLMENT, IS_PUBLIC, ROLES_KEY, requestOf } from './decorators';

/**
 * The global guard: every operation needs a valid access token unless it is marked
 * `@Public()`; `@Roles()` narrows it to some roles. On a public operation a missing or bad
 * token simply means "anonymous".
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const request = requestOf(context);
    const hasToken = Boolean((request as { headers?: Record<string, unknown> }).headers?.authorization);
    if (isPublic && !hasToken) {
      request.user = null;
      return true;
    }
    try {
      await super.canActivate(context);
    } catch (error) {
      // A bad token on a public operation means "anonymous"; a failure to check it does not.
      if (!isPublic || !(error instanceof DomainError && error.category === 'UNAUTHENTICATED')) throw error;
      request.user = null;
    }
    const user = request.user as Actor | null | undefined;
    // A sign-in that may only enrol its second factor: that and nothing else (on a public
    // operation it is anonymous: CurrentUser).
    if (user?.mfaEnrolmentOnly && !isPublic && !this.reflector.getAllAndOverride<boolean>(ALLOW_DURING_MFA_ENROLMENT, targets)) {
      throw forbidden('Your role requires a second factor: enrol one (enrollTotp, then confirmTotp) to go on', 'MFA_ENROLMENT_REQUIRED');
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && (!user || !roles.includes(user.role))) {
      throw forbidden(`Only ${roles.join(' or ')} may do this`, 'ROLE_REQUIRED');
    }
    return true;
  }

  /**
   * `user` is false for a missing, malformed, forged or expired token, or a user no longer active.
   * `error` is set only when checking the token failed (the database is unreachable, say): that is
   * the server's failure and surfaces as one (INTERNAL_SERVER_ERROR), not as UNAUTHENTICATED, which
   * would tell the client that its session is gone.
   */
  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) {
      throw unauthenticated('The access token is missing, invalid or expired', 'INVALID_TOKEN');
    }
    return user;
  }
}
