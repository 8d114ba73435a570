// The demo market of a `premia serve` under test, driven as another process drives it: through the
// simulator's control interface, on the port and with the token the test gave the host at start.
import { createServer } from 'node:net';

export class DemoMarket {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Pins `asset`'s annualized premium (0.35 = 35% a year); the regime follows it. */
  async setPremium(asset: string, annualized: number): Promise<void> {
    const answer = await fetch(`${this.url}/__control/premium`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asset, annualized }),
    });
    if (!answer.ok) {
      throw new Error(
        `the demo market refused the premium (${answer.status}): ${await answer.text()}`,
      );
    }
  }
}

/** A port free on 127.0.0.1 now, for the host's simulator to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}
