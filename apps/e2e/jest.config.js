// System tests against the real stack (Temporal, Kafka, PostgreSQL started by `npm test`).
module.exports = require('../../jest.preset')(__dirname, { testTimeout: 120_000, maxWorkers: 1 });
