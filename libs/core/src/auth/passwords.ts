import * as argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let checks = 0;

/** How many password checks this process has run: what the sign-in throttles hold down. */
export function passwordChecksRun(): number {
  return checks;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  checks += 1;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A hash to verify against when the email is unknown, so that an unknown email takes as long
 * as a wrong password and the answer does not reveal which accounts exist.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-for-timing-only');
  return dummy;
}
