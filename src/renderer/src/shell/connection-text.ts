// How the shell words the connection to Premia's host: a short label for the header, and the banner
// that says the host is lost (or back) above every page.
import type { ConnectionState } from '../api/connection';

/** `warn`: working, but not as it should (market data retried after failures). */
export type ConnectionTone = 'ok' | 'waiting' | 'warn' | 'lost';

export interface ConnectionLabel {
  text: string;
  tone: ConnectionTone;
  /** More detail, for a tooltip. */
  detail: string;
}

/** Formats a wall time for people, e.g. '14:03:12'. */
export type TimeFormat = (ms: number) => string;

export function connectionLabel(state: ConnectionState, time: TimeFormat): ConnectionLabel {
  switch (state.status) {
    case 'connected':
      return { text: 'Connected', tone: 'ok', detail: "Connected to Premia's host." };
    case 'connecting':
      return { text: 'Connecting…', tone: 'waiting', detail: "Connecting to Premia's host." };
    case 'disconnected':
      return {
        text: 'Not connected',
        tone: 'lost',
        detail:
          state.retryAt === null
            ? 'Trying to reconnect now.'
            : `Next attempt to reconnect at ${time(state.retryAt)}.`,
      };
    case 'closed':
      return {
        text: 'Not connected',
        tone: 'lost',
        detail: state.problem ?? "This window's connection to Premia's host is closed.",
      };
  }
}

export interface BannerWords {
  tone: ConnectionTone;
  title: string;
  body: string;
}

/**
 * The banner for a lost connection, or for one that came back (`showReconnected`); null when there is
 * nothing to say. Its words change only when the connection does, not with each attempt to reconnect,
 * since the banner is read out whenever it changes.
 */
export function connectionBanner(
  state: ConnectionState,
  time: TimeFormat,
  showReconnected: boolean,
): BannerWords | null {
  if (state.status === 'disconnected') {
    if (state.lastConnectedAt === null) {
      return {
        tone: 'lost',
        title: "Premia's host cannot be reached",
        body: 'Premia keeps trying to connect. If it was started with premia serve, check that it is still running.',
      };
    }
    return {
      tone: 'lost',
      title: 'Not connected to Premia',
      body: `The connection to Premia's host was lost at ${time(state.since)}. What you see is from before then and is marked not current, and nothing can be saved until the connection is back. Premia keeps trying to reconnect.`,
    };
  }
  if (state.status === 'connected' && state.reconnects > 0 && showReconnected) {
    return {
      tone: 'ok',
      title: 'Connected to Premia again',
      body: 'Premia reads its settings, notices and market data again; figures marked not current update as fresh data arrives.',
    };
  }
  return null;
}
