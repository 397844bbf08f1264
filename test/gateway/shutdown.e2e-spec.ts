import { shutDownGracefully } from '../../apps/gateway/src/lifecycle/graceful-shutdown';
import { BootedGateway, bootGateway } from './support/boot-gateway';
import { heldRequests, ProbeModule } from './support/probe.module';

async function listeningGateway(): Promise<{ gateway: BootedGateway; url: string }> {
  const gateway = await bootGateway({ imports: [ProbeModule] });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  return { gateway, url: await gateway.app.getUrl() };
}

function whenStoppedListening(gateway: BootedGateway): Promise<void> {
  const server = gateway.app.getHttpServer();
  return new Promise((resolve) => {
    const poll = () => (server.listening ? setImmediate(poll) : resolve());
    poll();
  });
}

describe('graceful shutdown (e2e)', () => {
  afterEach(() => heldRequests.releaseAll());

  it('stops accepting, lets the in-flight request finish, then closes', async () => {
    const { gateway, url } = await listeningGateway();
    const events: string[] = [];
    const arrived = heldRequests.nextArrival();
    const inFlight = fetch(`${url}/v1/test/held`).then(async (response) => {
      events.push('response');
      return { status: response.status, body: await response.json() };
    });
    await arrived;

    const shutdown = shutDownGracefully(gateway.app, 10_000).then(() => events.push('closed'));
    await whenStoppedListening(gateway);
    await expect(fetch(`${url}/v1/health/live`)).rejects.toThrow();
    heldRequests.releaseAll();

    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await shutdown;
    expect(events).toEqual(['response', 'closed']);
  });

  it('cuts the requests still running when the grace period is over', async () => {
    const { gateway, url } = await listeningGateway();
    const arrived = heldRequests.nextArrival();
    const inFlight = fetch(`${url}/v1/test/held`);
    await arrived;

    await shutDownGracefully(gateway.app, 50);
    await expect(inFlight).rejects.toThrow();
  });
});
