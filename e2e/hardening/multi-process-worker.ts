// The worker of the multi-process e2e test: the real entry point, `apps/worker/src/main.ts`,
// forked by the test with an IPC channel. When the test process goes away (even killed), the
// channel closes and the worker stops as on SIGTERM, so no stray worker outlives a run.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

void import('../../apps/worker/src/main');
