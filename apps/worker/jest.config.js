// Workflow tests run on Temporal's time-skipping test server: allow for the bundle and the server.
module.exports = require('../../jest.preset')(__dirname, { testTimeout: 60_000 });
