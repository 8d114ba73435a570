// The demo market of a `premia serve` under test, driven as another process drives it: through the
// simulator's control interface, on the port and with the token the test gave the host at start.
import { createServer } from 'node:net';
import type { MintedKey, MintKeyOptions } from '../src/sim/simulator-api';

export class DemoMarket {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Pins `asset`'s annualized premium (0.35 = 35% a year); the regime follows it. */
  async setPremium(asset: string, annualized: number): Promise<void> {
    await this.#post('premium', { asset, annualized });
  }

  /**
   * Makes a share of the market's answers fail as a venue, a CDN or a captive portal does: a 5xx, a
   * 429 with Retry-After, a request left hanging, or an HTML page with status 200 (each a fraction).
   */
  async setFaults(faults: Partial<DemoMarketFaults>): Promise<void> {
    await this.#post('faults', faults);
  }

  /** Every answer as it should be again. */
  async clearFaults(): Promise<void> {
    await this.#post('faults/clear', {});
  }

  /** Lists more assets on the market, by name. */
  async listAssets(names: string[]): Promise<void> {
    await this.#post('assets', { names });
  }

  /**
   * Mints an API key on the market for a new account of its own, holding nothing or the demo
   * portfolio, with every trading permission unless `permissions` takes some away.
   */
  async mintKey(options: MintKeyOptions): Promise<MintedKey> {
    return (await this.#post('keys', options)) as MintedKey;
  }

  async #post(route: string, body: unknown): Promise<unknown> {
    const answer = await fetch(`${this.url}/__control/${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!answer.ok) {
      throw new Error(
        `the demo market refused ${route} (${answer.status}): ${await answer.text()}`,
      );
    }
    return answer.json();
  }
}

/** The faults the demo market's control interface can inject. */
export interface DemoMarketFaults {
  latencyMs: number;
  rate429: number;
  rate5xx: number;
  rateTimeout: number;
  rateHtml: number;
  retryAfterSeconds: number;
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
