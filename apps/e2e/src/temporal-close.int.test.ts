import { Client, Connection } from '@temporalio/client';
import { TemporalCalls } from '../../api/src/infrastructure/temporal-calls';
import { TcpProxy } from '../../../tools/testing/tcp-proxy';

/**
 * Issue 12: the API closes its Temporal connection under no call. A call that fails while
 * Temporal is away leaves a retry timer of the SDK's gRPC retry interceptor behind; fired on a
 * closed channel it threw "Channel has been shut down" out of the timer (the crash-safe intake
 * test failed so in 3 of 5 runs), and the call never answered. The real Temporal server, through
 * a proxy that is cut.
 */
describe('closing the API Temporal connection (TemporalCalls)', () => {
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = TcpProxy.forAddress(process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');
    await proxy.open();
  });
  afterEach(async () => {
    await proxy.cut();
  });

  async function connect(calls: TemporalCalls) {
    const connection = await Connection.connect({
      address: proxy.address,
      interceptors: calls.interceptors(),
    });
    return { connection, client: new Client({ connection }) };
  }

  it('closes while a failed call waits for its retry: the call answers an error, nothing is thrown later', async () => {
    const calls = new TemporalCalls();
    const { connection, client } = await connect(calls);
    await client.workflowService.getSystemInfo({}); // connected, through the proxy
    await proxy.cut();

    const call = client.workflowService.getSystemInfo({});
    const settled = call.then(
      () => 'answered',
      (err: Error) => err.message,
    );
    while (calls.retriesWaiting === 0) await new Promise((r) => setTimeout(r, 10));
    await calls.close(connection, 2000);

    // Closed only once the retry timer had fired and its attempt (not retried, closing) ended:
    // the call has its error, and no timer is left to fire on the closed channel.
    expect(calls.retriesWaiting).toBe(0);
    expect(calls.inFlight).toBe(0);
    expect(await settled).not.toBe('answered');
  });
});
