import { forbidden, unauthenticated } from '../errors';
import type { Actor, Role } from './actor';

/** Narrows "maybe signed in" to "signed in", or refuses. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** Refuses unless the actor holds one of the roles. */
export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  const signedIn = requireActor(actor);
  if (!roles.includes(signedIn.role)) {
    throw forbidden(`Only ${roles.join(' or ')} may do this`, 'ROLE_REQUIRED');
  }
  return signedIn;
}
