// Adding, editing, removing, importing and exporting manual holdings. Each answer is the whole list
// as the host now keeps it, taken into the portfolio shown before the host's event about it arrives.
import { useCallback, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { ManualHolding } from '../../../shared/portfolio';
import { shownError } from '../ui/shown-error';

export interface ManualActions {
  busy: boolean;
  /** What the last action was refused for (a CSV import names the line and column). */
  error: string | null;
  /** What the last action did, for the status line. */
  done: string | null;
  run: (what: string, action: (c: AppClient) => Promise<ManualHolding[]>) => Promise<boolean>;
  exportCsv: () => Promise<string | null>;
  clear: () => void;
}

export function useManualHoldings(
  client: AppClient,
  onList: (list: ManualHolding[]) => void,
): ManualActions {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = useCallback(
    async (what: string, action: (c: AppClient) => Promise<ManualHolding[]>) => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        onList(await action(client));
        setDone(what);
        return true;
      } catch (e) {
        setError(shownError(e).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client, onList],
  );

  const exportCsv = useCallback(async () => {
    setError(null);
    try {
      return await client.exportManualHoldings();
    } catch (e) {
      setError(shownError(e).message);
      return null;
    }
  }, [client]);

  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);

  return { busy, error, done, run, exportCsv, clear };
}
