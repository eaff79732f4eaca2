/** class-transformer `@Transform`: a string without its surrounding white space; anything else as it is. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** class-transformer `@Transform`: a string trimmed and in capitals (member and country codes); anything else as it is. */
export const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** The same for each string of a list. */
export const upperEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item) => upper({ value: item })) : value);
