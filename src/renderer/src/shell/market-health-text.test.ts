import { describe, expect, it } from 'vitest';
import { connectionState } from '../api/connection-testing';
import type { MarketHealth } from '../../../shared/market';
import {
  dataHealthLabel,
  marketBanner,
  marketName,
  marketsSubtitle,
  retryCountdown,
} from './market-health-text';

const time = (ms: number) => `T${ms}`;

const connected = connectionState();

const live: MarketHealth = {
  source: 'demo',
  state: 'live',
  lastFailure: null,
  nextAttemptAt: 20_000,
  refreshing: false,
  lastQuotesAt: 5_000,
  refreshIntervalMs: 15_000,
};

const failing: MarketHealth = {
  ...live,
  state: 'retrying',
  lastFailure: {
    kind: 'bad-response',
    message: 'The demo market answered with something that is not exchange data.',
    at: 9_000,
  },
  nextAttemptAt: 21_000,
};

describe('dataHealthLabel', () => {
  it('says the host’s state while it is not connected, whatever it last said of the market', () => {
    const lost = { ...connected, status: 'disconnected' as const, retryAt: 7_000 };
    expect(dataHealthLabel(lost, live, time)).toMatchObject({
      text: 'Not connected',
      tone: 'lost',
    });
  });

  it('names the market’s state once the host is connected, with the reason and the next attempt', () => {
    expect(dataHealthLabel(connected, live, time)).toMatchObject({ text: 'Live', tone: 'ok' });
    expect(dataHealthLabel(connected, live, time).detail).toContain('refreshed every 15 s');
    const label = dataHealthLabel(connected, failing, time);
    expect(label).toMatchObject({ text: 'Retrying', tone: 'warn' });
    expect(label.detail).toBe(
      'The demo market answered with something that is not exchange data. Last data received at T5000. Next attempt at T21000.',
    );
    expect(dataHealthLabel(connected, { ...failing, state: 'offline' }, time).text).toBe('Offline');
    expect(dataHealthLabel(connected, { ...failing, state: 'refused' }, time).detail).toContain(
      'does not ask again until you retry',
    );
    expect(dataHealthLabel(connected, { ...live, state: 'starting' }, time).text).toBe('Starting…');
    expect(dataHealthLabel(connected, null, time).detail).toContain('market data is not running');
    expect(dataHealthLabel(connected, undefined, time)).toMatchObject({ text: 'Connected' });
  });
});

describe('marketBanner', () => {
  it('says nothing while market data comes in', () => {
    expect(marketBanner(live, time)).toBeNull();
    expect(marketBanner({ ...live, state: 'starting' }, time)).toBeNull();
    expect(marketBanner(null, time)).toBeNull();
  });

  it('gives the reason of any failure, a 5xx, a 429, a timeout or an HTML page alike', () => {
    const words = marketBanner(failing, time)!;
    expect(words.title).toBe('No fresh market data from the demo market');
    expect(words.body).toContain(failing.lastFailure!.message);
    expect(words.body).toContain('received at T5000');
    expect(words.body).toContain('Premia keeps trying');
  });

  it('keeps its words while the countdown runs and the attempts go on, so they are read out once', () => {
    const later = { ...failing, nextAttemptAt: 60_000, refreshing: true };
    expect(marketBanner(later, time)).toEqual(marketBanner(failing, time));
  });

  it('says when nothing has arrived yet, and names a venue that refuses the region', () => {
    expect(marketBanner({ ...failing, lastQuotesAt: null }, time)!.body).toContain(
      'No market data has arrived yet.',
    );
    const refused = { ...failing, source: 'binance', state: 'refused' as const };
    expect(marketBanner(refused, time)!.title).toBe('Binance refuses this region');
  });
});

describe('retryCountdown', () => {
  it('counts down to the next attempt, and says when one is under way', () => {
    expect(retryCountdown(failing, 9_000)).toBe('Next retry in 12 s.');
    expect(retryCountdown(failing, 20_500)).toBe('Retrying now…');
    expect(retryCountdown({ ...failing, refreshing: true, nextAttemptAt: null }, 9_000)).toBe(
      'Retrying now…',
    );
    expect(retryCountdown({ ...failing, state: 'refused', nextAttemptAt: null }, 9_000)).toBe(
      'Not asked again until you retry.',
    );
  });
});

describe('marketsSubtitle', () => {
  it('says refreshed every N s only while refreshes succeed', () => {
    expect(marketsSubtitle('demo', live, true, 15_000, time)).toMatch(
      /^Futures premiums from the demo market \(the built-in exchange simulator\), refreshed every 15 s\./,
    );
    const failed = marketsSubtitle('demo', failing, true, 15_000, time);
    expect(failed).not.toContain('refreshed every');
    expect(failed).toContain('last received at T5000: refreshes are failing');
    expect(marketsSubtitle('demo', live, false, 15_000, time)).toContain(
      "as last heard from Premia's host",
    );
    expect(
      marketsSubtitle(
        'binance',
        { ...failing, source: 'binance', state: 'refused' },
        true,
        null,
        time,
      ),
    ).toContain('Binance refuses this region, so nothing is refreshed');
  });

  it('takes the interval from the settings before the market’s health is known', () => {
    expect(marketsSubtitle('binance', undefined, true, 3_000, time)).toContain(
      'from Binance, refreshed every 3 s',
    );
  });

  it('says no data comes in when no market runs, rather than a refresh that does not happen', () => {
    const none = marketsSubtitle('demo', null, true, 3_000, time);
    expect(none).toContain('as last saved: no market data is coming in');
    expect(none).not.toContain('refreshed every');
  });
});

describe('a paused market', () => {
  const paused: MarketHealth = { ...live, state: 'paused', nextAttemptAt: null };

  it('is named paused in the header, the banner, the countdown and the Markets line, never live', () => {
    expect(dataHealthLabel(connected, paused, time)).toMatchObject({
      text: 'Paused',
      tone: 'warn',
      detail: 'Polling the demo market is paused until you resume it. Last data received at T5000.',
    });
    expect(marketBanner(paused, time)).toMatchObject({
      tone: 'warn',
      title: 'Market data is paused',
    });
    expect(marketBanner(paused, time)?.body).toMatch(/until you resume polling/);
    expect(retryCountdown(paused, 0)).toBe('Not asked until you resume.');
    expect(marketsSubtitle('demo', paused, true, 15_000, time)).toMatch(
      /last received at T5000: polling is paused/,
    );
  });
});

describe('marketName', () => {
  it('names the demo market and the exchanges as people know them', () => {
    expect(marketName('demo')).toBe('the demo market');
    expect(marketName('binance')).toBe('Binance');
  });
});
