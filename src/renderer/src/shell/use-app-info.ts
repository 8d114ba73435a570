import { useCallback, useEffect, useReducer, useState } from 'react';
import type { AppInfo, Notice } from '../../../shared/api';
import { isDemoMarket } from '../../../shared/settings';
import type { AppClient } from '../api/connection';
import { useHostRead } from '../use-host-read';
import { readDemoHint, writeDemoHint } from './demo-hint';

export interface AppInfoState {
  info: AppInfo | null;
  /** Whether to show the Demo badge: the host's word, or until it comes, what it said last time. */
  demo: boolean;
  error: string | null;
  retry: () => void;
  /** The host's notices, newest last, each once, without those dismissed here or anywhere else. */
  notices: Notice[];
  /** Hides a notice here at once and asks the host to forget it. */
  dismiss: (id: string) => void;
}

export interface NoticesState {
  /** The notices the host listed in its last app info. */
  listed: Notice[];
  /** Notices pushed since that list was sent. */
  pushed: Notice[];
  /** Ids dismissed here or announced as dismissed by the host. */
  dismissed: ReadonlySet<string>;
}

export type NoticesAction =
  | { type: 'listed'; notices: Notice[] }
  | { type: 'pushed'; notice: Notice }
  | { type: 'dismissed'; id: string };

export const NO_NOTICES: NoticesState = { listed: [], pushed: [], dismissed: new Set() };

/**
 * The notices as the host's answers and events tell them. A new list (read again after a reconnect)
 * replaces the notices pushed before it: the host sends events and answers in order on one connection,
 * so the list holds every notice pushed before it, and lacks those dismissed meanwhile.
 */
export function noticesReducer(state: NoticesState, action: NoticesAction): NoticesState {
  switch (action.type) {
    case 'listed':
      return { ...state, listed: action.notices, pushed: [] };
    case 'pushed': {
      const pushed = mergeNotices(state.pushed, [action.notice]);
      return pushed === state.pushed ? state : { ...state, pushed };
    }
    case 'dismissed':
      return state.dismissed.has(action.id)
        ? state
        : { ...state, dismissed: new Set(state.dismissed).add(action.id) };
  }
}

export function shownNotices(state: NoticesState): Notice[] {
  return mergeNotices(state.listed, state.pushed).filter((n) => !state.dismissed.has(n.id));
}

export function useAppInfo(client: AppClient): AppInfoState {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [demoHint] = useState(readDemoHint);
  const [notices, dispatch] = useReducer(noticesReducer, NO_NOTICES);
  const { error, retry } = useHostRead(
    client,
    (c) => c.getAppInfo(),
    (next) => {
      setInfo(next);
      writeDemoHint(next.demo);
      dispatch({ type: 'listed', notices: next.notices });
    },
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'notice') dispatch({ type: 'pushed', notice: event.notice });
        if (event.type === 'notice-dismissed') dispatch({ type: 'dismissed', id: event.id });
        // The market switched between demo and live: the header's badge follows at once.
        if (event.type === 'settings') {
          const demo = isDemoMarket(event.settings);
          setInfo((prev) => (prev === null || prev.demo === demo ? prev : { ...prev, demo }));
          writeDemoHint(demo);
        }
      }),
    [client],
  );

  const dismiss = useCallback(
    (id: string) => {
      dispatch({ type: 'dismissed', id });
      client.dismissNotice(id).catch(() => {
        // It stays hidden in this window either way; nothing else depends on the host forgetting it.
      });
    },
    [client],
  );

  return {
    info,
    demo: info?.demo ?? demoHint ?? false,
    error,
    retry,
    notices: shownNotices(notices),
    dismiss,
  };
}

export function mergeNotices(current: Notice[], incoming: Notice[]): Notice[] {
  const known = new Set(current.map((n) => n.id));
  const added = incoming.filter((n) => !known.has(n.id));
  return added.length === 0 ? current : [...current, ...added].sort((a, b) => a.at - b.at);
}
