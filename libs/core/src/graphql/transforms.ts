/** class-transformer `@Transform`: a string without its surrounding white space; anything else as it is. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
