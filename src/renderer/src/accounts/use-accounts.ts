// The vault's status and the account list from the host, kept current by its `vault` and `portfolio`
// events, and the calls that change them. Secrets pass through these calls and are kept nowhere here.
import { useCallback, useEffect, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { AccountMeta, VaultStatus } from '../../../shared/accounts';
import { useHostRead } from '../use-host-read';
import { shownError } from '../ui/shown-error';

export function useVaultStatus(client: AppClient) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const read = useHostRead(client, (c) => c.getVaultStatus(), setStatus);
  const { settle } = read;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'vault') return;
        setStatus(event.status);
        settle();
      }),
    [client, settle],
  );
  return { status, accept: setStatus, ...read };
}

export function useAccountList(client: AppClient) {
  const [accounts, setAccounts] = useState<AccountMeta[] | null>(null);
  const read = useHostRead(client, (c) => c.listAccounts(), setAccounts);
  const { settle } = read;
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'portfolio') return;
        setAccounts(event.portfolio.accounts);
        settle();
      }),
    [client, settle],
  );
  return { accounts, accept: setAccounts, ...read };
}

export interface Action {
  busy: boolean;
  error: string | null;
  /** Runs the call; resolves with its answer, or null when it was refused (the error is then set). */
  run: <T>(call: () => Promise<T>) => Promise<T | null>;
  clear: () => void;
}

/** One call at a time with its refusal kept for the form that made it. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(call: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (e) {
      setError(shownError(e).message);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
