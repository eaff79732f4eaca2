// Fixed-point helpers. A value with `d` decimals is stored as the bigint value × 10^d, so every
// operation is exact integer arithmetic and the rounding direction is always explicit.

export function unitFor(decimals: number): bigint {
  return 10n ** BigInt(decimals);
}

// Division rounded down (both operands non-negative): "any remainder being ignored", rule 48(3).
export function floorDiv(a: bigint, b: bigint): bigint {
  return a / b;
}

// Division rounded up (both operands non-negative), as the Meek reference rule asks for keep
// factors and kept votes ("to 9 decimal places, rounded up").
export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

export function formatFixed(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

// Inverse of formatFixed, for tests and audits: parses "12.345" into units of 10^-decimals.
export function parseFixed(text: string, decimals: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3] ?? '').length > decimals) {
    throw new RangeError(`not a decimal with at most ${decimals} places: ${text}`);
  }
  const units = BigInt(match[2] + (match[3] ?? '').padEnd(decimals, '0'));
  return match[1] === '-' ? -units : units;
}
