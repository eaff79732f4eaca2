// Apart from pagination.ts, which imports the errors (and they the query limits): the query limits
// read these when they load.

/** The hard ceiling of every list in the API. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
