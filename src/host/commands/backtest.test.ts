import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/defaults';
import { runCli } from '../run-cli';
import { capturedIo, PROJECT_DIR } from '../test-io';
import { loadBtcBacktestSeries } from '../../../test/fixtures';
import { runBacktest } from '../../core/backtest';
import type { BacktestRequestInput } from '../../shared/backtest';
import { backtestPolicyFromSettings } from '../../shared/backtest';
import { PremiaError } from '../../shared/errors';
import { refuseToOpen, servicesNoting, servicesOver } from '../test-session';
import { createBacktestCommand } from './backtest';

const FIXTURES = join(PROJECT_DIR, 'test/fixtures');
const PRICES = join(FIXTURES, 'btc-spot-daily.csv');
const FUNDING = join(FIXTURES, 'btc-funding-daily.csv');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-backtest-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface PrintedStrategy {
  name: string;
  cagr: number;
  sharpe: number;
  finalMultiple: number;
  rebalances: number;
  timeInRegime: Record<string, number>;
}

function withSettings(settings = defaultSettings(), state = { closed: 0 }) {
  return createBacktestCommand({
    open: servicesOver({ getSettings: async () => settings }, state),
  });
}

describe('premia backtest', () => {
  it('prints the promised JSON for the real BTC history, reading the settings and closing the folder', async () => {
    const state = { closed: 0 };
    const out = capturedIo();
    const code = await runCli(
      ['backtest', '--prices', PRICES, '--funding', FUNDING, '--json', '--data-dir', dir],
      out,
      [withSettings(defaultSettings(), state)],
    );
    expect(out.err).toEqual([]);
    expect(code).toBe(0);
    expect(state.closed).toBe(1);
    const printed = JSON.parse(out.out[0]!) as {
      window: unknown;
      strategies: PrintedStrategy[];
    };
    expect(printed.window).toEqual({ from: '2019-09-10', to: '2026-02-12', days: 2348 });
    expect(printed.strategies.map((s) => s.name)).toEqual(['hodl', 'static', 'carry', 'policy']);
    expect(Object.keys(printed.strategies[0]!)).toEqual([
      'name',
      'cagr',
      'volatility',
      'maxDrawdown',
      'maxDrawdownFrom',
      'maxDrawdownTo',
      'sharpe',
      'finalMultiple',
      'rebalances',
      'feesPaid',
      'fundingEarned',
      'timeInRegime',
    ]);
    expect(printed.strategies[0]!.finalMultiple).toBeCloseTo(6.546, 3);
    expect(printed.strategies[1]!.finalMultiple).toBeCloseTo(4.898, 3);
    expect(Object.keys(printed.strategies[3]!.timeInRegime).length).toBeGreaterThan(0);
  });

  it('runs the policy of the settings: a policy that sells in extreme contango ends elsewhere', async () => {
    const args = [
      'backtest',
      '--prices',
      PRICES,
      '--funding',
      FUNDING,
      '--json',
      '--data-dir',
      dir,
    ];
    const hedging = capturedIo();
    await runCli(args, hedging, [withSettings()]);
    const selling = defaultSettings();
    selling.policy.extremeAction = 'sell';
    const sold = capturedIo();
    await runCli(args, sold, [withSettings(selling)]);
    const policyOf = (lines: string[]) =>
      (JSON.parse(lines[0]!) as { strategies: PrintedStrategy[] }).strategies[3]!;
    expect(policyOf(sold.out).finalMultiple).not.toBeCloseTo(
      policyOf(hedging.out).finalMultiple,
      3,
    );
  });

  it('restricts the window and takes the fee for the static mix and the policy', async () => {
    const out = capturedIo();
    const code = await runCli(
      [
        'backtest',
        '--prices',
        PRICES,
        '--funding',
        FUNDING,
        '--from',
        '2022-01-01',
        '--to',
        '2022-12-31',
        '--fee',
        '0',
        '--json',
        '--data-dir',
        dir,
      ],
      out,
      [withSettings()],
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out.out[0]!) as {
      window: unknown;
      strategies: { feesPaid: number }[];
    };
    expect(printed.window).toEqual({ from: '2022-01-01', to: '2022-12-31', days: 365 });
    expect(printed.strategies[1]!.feesPaid).toBe(0);
    expect(printed.strategies[3]!.feesPaid).toBe(0);
    expect(printed.strategies[2]!.feesPaid).toBeCloseTo(0.0015, 12);
  });

  it('prints a table for people', async () => {
    const out = capturedIo();
    await runCli(['backtest', '--prices', PRICES, '--funding', FUNDING, '--data-dir', dir], out, [
      withSettings(),
    ]);
    expect(out.out[0]).toBe(
      'Backtest 2019-09-10 to 2026-02-12 (2348 days), starting from 1; fees and funding in units of the start.',
    );
    const hodl = out.out.find((l) => l.startsWith('Buy and hold'));
    expect(hodl).toContain('33.94%');
    expect(hodl).toContain('6.546×');
    expect(out.out.at(-1)).toMatch(/^Time in regime \(policy\): /);
  });

  it('names the file and line of a bad price', async () => {
    const prices = join(dir, 'prices.csv');
    await writeFile(prices, 'date,price\n2024-01-01,100\n2024-01-02,zero\n');
    const out = capturedIo();
    const code = await runCli(
      ['backtest', '--prices', prices, '--funding', FUNDING, '--data-dir', dir],
      out,
      [withSettings()],
    );
    expect(code).toBe(1);
    expect(out.err.join('\n')).toContain(`${prices}: line 3: price "zero" is not a number`);
  });

  it('names the date a gap in the history leaves without funding', async () => {
    const prices = join(dir, 'prices.csv');
    const funding = join(dir, 'funding.csv');
    await writeFile(prices, 'date,price\n2024-01-01,100\n2024-01-02,101\n2024-01-03,102\n');
    await writeFile(funding, 'date,funding_mean\n2024-01-01,0.0001\n2024-01-03,0.0001\n');
    const out = capturedIo();
    const code = await runCli(
      ['backtest', '--prices', prices, '--funding', funding, '--data-dir', dir],
      out,
      [withSettings()],
    );
    expect(code).toBe(1);
    expect(out.err.join('\n')).toContain('premia backtest: no funding for 2024-01-02');
  });

  it('refuses --asset beside the files, and a missing file flag, without opening anything', async () => {
    const both = capturedIo();
    expect(
      await runCli(['backtest', '--asset', 'BTC', '--prices', PRICES], both, [
        createBacktestCommand({ open: refuseToOpen }),
      ]),
    ).toBe(2);
    expect(both.err.join('\n')).toContain('give either --asset or --prices and --funding');
    const missing = capturedIo();
    expect(
      await runCli(['backtest', '--prices', PRICES], missing, [
        createBacktestCommand({ open: refuseToOpen }),
      ]),
    ).toBe(2);
    expect(missing.err.join('\n')).toContain('--prices and --funding are both needed');
  });

  it("with --asset, waits for the market, downloads what is missing and runs on the stored history with the folder's policy", async () => {
    const calls: string[] = [];
    const settings = defaultSettings();
    const requests: BacktestRequestInput[] = [];
    const series = loadBtcBacktestSeries();
    const command = createBacktestCommand({
      open: servicesNoting(
        {
          getSettings: async () => settings,
          downloadBacktestHistory: async ({ assets }) => {
            calls.push(`download ${assets.join(',')}`);
            return { stored: {}, held: {}, pages: 0 };
          },
          runBacktest: async (request) => {
            calls.push('runBacktest');
            requests.push(request);
            return runBacktest([{ ...series, asset: 'BTC' }], request);
          },
        },
        calls,
      ),
    });
    const out = capturedIo();
    const code = await runCli(
      [
        'backtest',
        '--asset',
        'btc',
        '--from',
        '2021-01-01',
        '--fee',
        '0.002',
        '--json',
        '--data-dir',
        dir,
      ],
      out,
      [command],
    );
    expect(out.err).toEqual([]);
    expect(code).toBe(0);
    expect(calls).toEqual([
      'open with market',
      'waitForMarketSnapshot',
      'startMarket',
      'download BTC',
      'runBacktest',
      'close',
    ]);
    const { policy, rebalance } = backtestPolicyFromSettings(settings);
    expect(requests).toEqual([
      { assets: ['BTC'], from: '2021-01-01', to: undefined, policy, rebalance, fee: 0.002 },
    ]);
    const printed = JSON.parse(out.out.join('\n')) as { window: { from: string } };
    expect(printed.window.from).toBe('2021-01-01');
  });

  it('with --asset, says in words why no backtest could be run', async () => {
    const command = createBacktestCommand({
      open: servicesNoting(
        {
          getSettings: async () => defaultSettings(),
          downloadBacktestHistory: async () => {
            throw new PremiaError('unavailable', 'The venue could not be reached.');
          },
        },
        [],
      ),
    });
    const out = capturedIo();
    expect(await runCli(['backtest', '--asset', 'BTC', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.err).toEqual(['premia backtest: The venue could not be reached.']);
  });

  it('refuses a fee that is not a number', async () => {
    const out = capturedIo();
    const code = await runCli(
      ['backtest', '--prices', PRICES, '--funding', FUNDING, '--fee', '0.1%'],
      out,
      [createBacktestCommand({ open: refuseToOpen })],
    );
    expect(code).toBe(2);
    expect(out.err.join('\n')).toContain(
      '--fee must be a number such as 0.001 for 0.1% (got "0.1%")',
    );
  });
});
