import { DomainError } from '@app/core';
import type { Refusal } from '@app/procedure';

/** The engine's refusal as the error a client gets: its code is the category. */
export function refusalError(refusal: Refusal): DomainError {
  return new DomainError(
    refusal.code,
    refusal.code,
    refusal.message,
    refusal.allowedFrom ? { allowedFrom: refusal.allowedFrom } : {},
  );
}
