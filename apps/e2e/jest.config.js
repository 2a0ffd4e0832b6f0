// System tests against the real stack (Temporal, Kafka, PostgreSQL started by `npm test`).
// No forceExit: every client a suite creates is closed by that suite (TestSystem.stop closes each
// part even when another fails, and its Temporal connection waits for pending gRPC retry timers),
// so the run ends by itself once its results are in.
module.exports = require('../../jest.preset')(__dirname, {
  testTimeout: 120_000,
  maxWorkers: 1,
});
