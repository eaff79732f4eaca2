/**
 * What a unique constraint protects, so a violation becomes a CONFLICT that names the field.
 * Modules register their constraints next to the entity that declares them.
 */
export interface UniqueConstraintInfo {
  field: string;
  message: string;
}

const registry = new Map<string, UniqueConstraintInfo>();

export function registerUniqueConstraint(name: string, info: UniqueConstraintInfo): void {
  registry.set(name, info);
}

export function uniqueConstraintInfo(name: string | undefined): UniqueConstraintInfo | undefined {
  return name ? registry.get(name) : undefined;
}
