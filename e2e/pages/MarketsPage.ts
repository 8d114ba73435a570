import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { RebalancePage } from './RebalancePage';

/**
 * Calls the API over the page's own WebSocket endpoint with the page's token (same origin, so the
 * host's Origin check passes). Evaluated in the page, hence a string: e2e code is typed for Node.
 */
const RPC_IN_PAGE = `async ([method, params]) => {
  // The desktop app's bridge where there is one, else the host's socket.
  if (window.premia) return params === null ? window.premia[method]() : window.premia[method](params);
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get('token') ?? sessionStorage.getItem('premia.token');
  const socket = new WebSocket('ws://' + location.host + '/rpc?token=' + encodeURIComponent(token));
  try {
    return await new Promise((resolve, reject) => {
      const request = { jsonrpc: '2.0', id: 1, method };
      if (params !== null) request.params = params;
      socket.onopen = () => socket.send(JSON.stringify(request));
      socket.onmessage = (message) => {
        const reply = JSON.parse(message.data);
        if (reply.id !== 1) return;
        if (reply.error) reject(new Error(reply.error.message));
        else resolve(reply.result);
      };
      socket.onerror = () => reject(new Error('the API socket failed'));
    });
  } finally {
    socket.close();
  }
}`;

/** The Markets view: one row per tracked asset, and the detail of the one selected. */
export class MarketsPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly table: Locator;
  /** The card per asset a phone-sized window shows instead of the table. */
  readonly cards: Locator;
  readonly trackField: Locator;
  readonly trackButton: Locator;
  /** Why the 'Track asset' field's entry was refused. */
  readonly trackRefusal: Locator;
  /** Every "Not current" mark on the table's figures. */
  readonly notCurrentMarks: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Markets' });
    this.table = page.getByRole('table', { name: /^Tracked assets/ });
    this.cards = page.getByRole('list', { name: /^Tracked assets/ });
    this.trackField = page.getByRole('textbox', { name: 'Track asset' });
    this.trackButton = page.getByRole('button', { name: 'Track', exact: true });
    this.trackRefusal = page
      .getByRole('form', { name: 'Track an asset' })
      .locator('.mantine-TextInput-error');
    this.notCurrentMarks = this.table.getByTestId('not-current');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.shell.goTo('Markets');
    await expect(this.heading).toBeVisible();
  }

  /** The asset's row of the table, or its card on a phone. */
  row(asset: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${asset}\\b`) }) })
      .or(this.cards.getByRole('listitem', { name: asset, exact: true }));
  }

  /** The row's cells in column order: spot, perp mark, funding, next funding, nearest future, … */
  cell(asset: string, column: number): Locator {
    return this.row(asset).getByRole('cell').nth(column);
  }

  spot(asset: string): Locator {
    return this.cell(asset, 0);
  }

  premium(asset: string): Locator {
    return this.row(asset).getByTestId('signal-premium');
  }

  notCurrent(asset: string): Locator {
    return this.row(asset).getByTestId('not-current');
  }

  /** The row's mark that its figures missed two refreshes. */
  stale(asset: string): Locator {
    return this.row(asset).getByText('Stale', { exact: true });
  }

  /** Why the asset's data is missing or partial, as the row says it. */
  problem(asset: string): Locator {
    return this.row(asset).getByTestId('asset-problem');
  }

  regime(asset: string): Locator {
    return this.row(asset).getByTestId('regime');
  }

  assetLink(asset: string): Locator {
    return this.row(asset).getByRole('link', { name: asset, exact: true });
  }

  removeButton(asset: string): Locator {
    return this.row(asset).getByRole('button', { name: `Remove ${asset}` });
  }

  detail(asset: string): Locator {
    return this.page.getByRole('region', { name: `${asset} in detail` });
  }

  /** Waits until the first snapshot has filled the asset's row with a price and a regime. */
  async waitForData(asset: string, timeout = 30_000): Promise<void> {
    await expect(this.spot(asset)).toHaveText(/^\d{1,3}(,\d{3})*\.\d+$/, { timeout });
  }

  async trackAsset(ticker: string): Promise<void> {
    await this.trackField.fill(ticker);
    await this.trackButton.click();
  }

  /** A price as a cell shows it (0.00001251, 97,123.46), as a number. */
  async shownNumber(cell: Locator): Promise<number> {
    const text = (await cell.textContent()) ?? '';
    const match = /\d[\d,]*\.\d+/.exec(text);
    if (!match) throw new Error(`no number in "${text}"`);
    return Number(match[0].replace(/,/g, ''));
  }

  /** The signal premium shown for `asset`, as a decimal (12.34% a year → 0.1234). */
  async shownPremium(asset: string): Promise<number> {
    const text = (await this.premium(asset).textContent()) ?? '';
    const match = /([\u2212-]?[\d,]+\.\d+)%/.exec(text);
    if (!match?.[1]) throw new Error(`no premium in "${text}"`);
    return Number(match[1].replace('\u2212', '-').replace(/,/g, '')) / 100;
  }

  async rpc<T>(method: string, params?: unknown): Promise<T> {
    const call = `(${RPC_IN_PAGE})(${JSON.stringify([method, params ?? null])})`;
    return this.page.evaluate<T>(call);
  }

  /** Makes the plan of a single action on an asset (from its detail) and opens it on the Rebalance page. */
  async openActionPlan(asset: string, action: string): Promise<RebalancePage> {
    await this.shell.goTo('Markets');
    await this.waitForData(asset);
    await this.assetLink(asset).click();
    await this.detail(asset).getByRole('button', { name: action }).click();
    await expect(this.page.getByRole('heading', { name: `${action}: ${asset}` })).toBeVisible();
    return new RebalancePage(this.page);
  }

  /** Follows a link that names `asset` in the address, as a bookmark or a pasted URL would. */
  async openAssetLink(asset: string): Promise<void> {
    const call = `(() => {
      const params = new URLSearchParams(location.hash.slice(1));
      params.set('asset', ${JSON.stringify(asset)});
      location.hash = params.toString();
    })()`;
    await this.page.evaluate(call);
  }

  async setRefreshInterval(ms: number): Promise<void> {
    await this.rpc('updateSettings', { market: { refreshIntervalMs: ms } });
  }
}
