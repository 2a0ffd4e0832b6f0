// System tests against the real stack (Temporal, Kafka, PostgreSQL started by `npm test`).
// forceExit: once every suite has finished, a client timer left behind (a gRPC or Kafka retry of a
// stopped test system) must not keep the run waiting for ever; the results are already in.
module.exports = require('../../jest.preset')(__dirname, {
  testTimeout: 120_000,
  maxWorkers: 1,
  forceExit: true,
});
