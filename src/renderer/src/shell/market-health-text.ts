// How the UI words the market data's health: the one indicator in the header (host and venue at once),
// the banner above every page while market data does not come in, its countdown to the next retry, and
// the Markets page's line on where the figures come from and how fresh they are.
import type { ConnectionState } from '../api/connection';
import type { MarketHealth } from '../../../shared/market';
import { EXCHANGE_NAMES, type ExchangeId } from '../../../shared/settings';
import { formatCountdown } from '../markets/time-text';
import {
  connectionLabel,
  type BannerWords,
  type ConnectionLabel,
  type TimeFormat,
} from './connection-text';

/** The market's name mid-sentence: the demo market, or the exchange's own name. */
export function marketName(source: string): string {
  if (source === 'demo') return 'the demo market';
  return Object.hasOwn(EXCHANGE_NAMES, source) ? EXCHANGE_NAMES[source as ExchangeId] : source;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** The reason in the health, or a plain word when the venue sent none. */
function reasonOf(health: MarketHealth): string {
  return health.lastFailure?.message ?? `${capitalized(marketName(health.source))} did not answer.`;
}

/** When the next attempt is due, in words for a tooltip. */
function nextAttempt(health: MarketHealth, time: TimeFormat): string {
  if (health.state === 'refused') return 'Premia does not ask again until you retry.';
  if (health.refreshing) return 'Premia is asking again now.';
  if (health.nextAttemptAt === null) return '';
  return `Next attempt at ${time(health.nextAttemptAt)}.`;
}

/**
 * The header's word on the data: the host's connection while it is not connected (nothing the host
 * said is current then), else the market's state.
 */
export function dataHealthLabel(
  host: ConnectionState,
  health: MarketHealth | null | undefined,
  time: TimeFormat,
): ConnectionLabel {
  if (host.status !== 'connected') return connectionLabel(host, time);
  if (health === undefined) return connectionLabel(host, time);
  if (health === null) {
    return {
      text: 'Connected',
      tone: 'waiting',
      detail: "Connected to Premia's host; market data is not running.",
    };
  }
  const name = marketName(health.source);
  const last =
    health.lastQuotesAt === null ? '' : ` Last data received at ${time(health.lastQuotesAt)}.`;
  switch (health.state) {
    case 'starting':
      return {
        text: 'Starting…',
        tone: 'waiting',
        detail: `Connected to Premia's host; waiting for the first market data from ${name}.`,
      };
    case 'live':
      return {
        text: 'Live',
        tone: 'ok',
        detail: `Connected to Premia's host; market data from ${name}, refreshed every ${seconds(health.refreshIntervalMs)}.${last}`,
      };
    case 'retrying':
      return {
        text: 'Retrying',
        tone: 'warn',
        detail: `${reasonOf(health)}${last} ${nextAttempt(health, time)}`.trim(),
      };
    case 'offline':
      return {
        text: 'Offline',
        tone: 'lost',
        detail: `${reasonOf(health)}${last} ${nextAttempt(health, time)}`.trim(),
      };
    case 'refused':
      return {
        text: 'Refused',
        tone: 'lost',
        detail: `${reasonOf(health)} ${nextAttempt(health, time)}`,
      };
    case 'paused':
      return {
        text: 'Paused',
        tone: 'warn',
        detail: `Polling ${name} is paused until you resume it.${last}`,
      };
  }
}

/**
 * The banner above every page while market data does not come in: what is wrong, in the venue's
 * words, and what the figures shown are; null while it comes in. Its words change only when the
 * state or the reason does (the banner is read out whenever it changes); the countdown is apart.
 */
export function marketBanner(
  health: MarketHealth | null | undefined,
  time: TimeFormat,
): BannerWords | null {
  if (!health || health.state === 'live' || health.state === 'starting') return null;
  const name = marketName(health.source);
  const shown =
    health.lastQuotesAt === null
      ? 'No market data has arrived yet.'
      : `The figures shown were received at ${time(health.lastQuotesAt)} and are marked stale once they are two refreshes old; nothing is traded on stale figures.`;
  switch (health.state) {
    case 'retrying':
      return {
        tone: 'warn',
        title: `No fresh market data from ${name}`,
        body: `${reasonOf(health)} ${shown} Premia keeps trying.`,
      };
    case 'offline':
      return {
        tone: 'lost',
        title: `Offline: ${name} cannot be reached`,
        body: `${reasonOf(health)} ${shown} Premia keeps trying.`,
      };
    case 'refused':
      return {
        tone: 'lost',
        title: `${capitalized(name)} refuses this region`,
        body: `${reasonOf(health)} ${shown}`,
      };
    case 'paused':
      return {
        tone: 'warn',
        title: 'Market data is paused',
        body: `Premia does not ask ${name} for prices until you resume polling, and no market history is recorded meanwhile. ${shown}`,
      };
  }
}

/** The countdown beside the banner: when Premia asks the market again. */
export function retryCountdown(health: MarketHealth, now: number): string {
  if (health.state === 'paused') return 'Not asked until you resume.';
  if (health.state === 'refused' && !health.refreshing) return 'Not asked again until you retry.';
  if (health.refreshing || health.nextAttemptAt === null || health.nextAttemptAt - now < 1_000) {
    return 'Retrying now…';
  }
  return `Next retry in ${formatCountdown(health.nextAttemptAt - now)}.`;
}

/**
 * The Markets page's line under its heading: where the figures come from and how fresh they are, as
 * things stand (never "refreshed every 15 s" while no refresh succeeds). `health` is undefined until
 * the host has said, null while no market runs.
 */
export function marketsSubtitle(
  source: string,
  health: MarketHealth | null | undefined,
  hostConnected: boolean,
  refreshIntervalMs: number | null,
  time: TimeFormat,
): string {
  const from = `Futures premiums from ${source === 'demo' ? 'the demo market (the built-in exchange simulator)' : marketName(source)}`;
  const about =
    'The premium and regime shown are the ones the strategy acts on; select an asset for its term structure and history.';
  const current = health && health.source === source ? health : null;
  const last =
    current?.lastQuotesAt != null ? `, last received at ${time(current.lastQuotesAt)}` : '';
  if (!hostConnected) return `${from}, as last heard from Premia's host. ${about}`;
  if (health === null) return `${from}, as last saved: no market data is coming in. ${about}`;
  switch (current?.state) {
    case 'starting':
      return `${from}: waiting for the first refresh. ${about}`;
    case 'retrying':
    case 'offline':
      return `${from}${last}: refreshes are failing and Premia keeps retrying. ${about}`;
    case 'refused':
      return `${from}${last}: ${capitalized(marketName(source))} refuses this region, so nothing is refreshed. ${about}`;
    case 'paused':
      return `${from}${last}: polling is paused, so nothing is refreshed until you resume it. ${about}`;
    default: {
      const every = current?.refreshIntervalMs ?? refreshIntervalMs;
      return every === null
        ? `${from}. ${about}`
        : `${from}, refreshed every ${seconds(every)}. ${about}`;
    }
  }
}
