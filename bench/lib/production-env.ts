// Imported first by bench/run.ts: the API under test runs in the harness process, and libraries
// read NODE_ENV from the environment once, when they load (graphql-js swaps its cross-realm
// `instanceOf` check for a plain `instanceof`, Express turns off its development behaviour).
// A deployed API has NODE_ENV=production in its environment; measuring it without would charge it
// for checks it does not run (2.6 % of the docket list's CPU was graphql-js's instanceOf alone).
process.env.NODE_ENV = 'production';
