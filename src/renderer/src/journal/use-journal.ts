// The journal's entries for the filters set, read again whenever an execution moves on (a step sent,
// filled or unwound shows at once) and each time the connection comes back.
import { useEffect, useState } from 'react';
import type { JournalQuery, JournalView } from '../../../shared/execution';
import type { AppClient } from '../api/connection';
import { useHostRead, type HostRead } from '../use-host-read';

export interface JournalState extends HostRead {
  view: JournalView | null;
}

/** `query` null: the filters cannot be asked as typed, so the entries shown stay as they are. */
export function useJournal(client: AppClient, query: JournalQuery | null): JournalState {
  const [view, setView] = useState<JournalView | null>(null);
  const read = useHostRead(
    client,
    (c) => (query === null ? Promise.resolve(null) : c.getJournal(query)),
    (answer) => {
      if (answer !== null) setView(answer);
    },
  );
  const { retry } = read;

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'execution') retry();
      }),
    [client, retry],
  );

  return { view, ...read };
}
