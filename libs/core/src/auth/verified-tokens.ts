/**
 * The claims of access tokens whose signature, algorithm, issuer and audience were checked, kept by
 * the token's exact text. A client sends the same token with every request for its 15 minutes, and
 * checking it again (decoding, two JSON parses, the HMAC) gives the same answer for the same text
 * under the same key: only that check is kept. What can change between two requests is checked each
 * time by the caller (JwtStrategy.validate): expiry and not-before against the clock, the sign-in
 * not revoked, the user still active. A token that fails the check is never kept.
 *
 * At most `capacity` tokens, the oldest forgotten first, so that memory stays bounded whatever
 * the number of sign-ins.
 */
export class VerifiedTokens<C extends object> {
  private readonly claims = new Map<string, Readonly<C>>();

  constructor(
    private readonly capacity: number,
    private readonly verify: (token: string) => C,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
  }

  /** The token's claims, or what `verify` throws for it. */
  claimsOf(token: string): Readonly<C> {
    const known = this.claims.get(token);
    if (known) return known;
    // Frozen: every later request with this token reads the same object.
    const claims = Object.freeze(this.verify(token));
    if (this.claims.size >= this.capacity) this.claims.delete(this.claims.keys().next().value as string);
    this.claims.set(token, claims);
    return claims;
  }

  get size(): number {
    return this.claims.size;
  }
}
