import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Notice, PremiaClient } from '../../../shared/api';
import { useHostRead } from '../use-host-read';

export interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  retry: () => void;
}

export function useAppInfo(client: PremiaClient): AppInfoState {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { error, retry } = useHostRead(client, (c) => c.getAppInfo(), setInfo);
  return { info, error, retry };
}

/** Notices from start-up plus those pushed since, newest last, each once; dismissing asks the host to forget it. */
export function useNotices(
  client: PremiaClient,
  initial: Notice[] | undefined,
): { notices: Notice[]; dismiss: (id: string) => void } {
  const [pushed, setPushed] = useState<Notice[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'notice') setPushed((prev) => mergeNotices(prev, [event.notice]));
      }),
    [client],
  );

  const dismiss = useCallback(
    (id: string) => {
      setDismissed((prev) => new Set(prev).add(id));
      client.dismissNotice(id).catch(() => {
        // It stays hidden in this window either way; nothing else depends on the host forgetting it.
      });
    },
    [client],
  );

  const notices = mergeNotices(initial ?? [], pushed);
  return { notices: notices.filter((n) => !dismissed.has(n.id)), dismiss };
}

export function mergeNotices(current: Notice[], incoming: Notice[]): Notice[] {
  const known = new Set(current.map((n) => n.id));
  const added = incoming.filter((n) => !known.has(n.id));
  return added.length === 0 ? current : [...current, ...added].sort((a, b) => a.at - b.at);
}
