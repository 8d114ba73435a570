// The page's two long calls to the host: the history download, followed through its progress events
// and stoppable, and the backtest run. Each says how it ended, in words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BacktestHistoryDownloaded,
  BacktestRequestInput,
  BacktestResult,
} from '../../../shared/backtest';
import type {
  BacktestSweepProgress,
  BacktestSweepRequestInput,
  BacktestSweepResult,
} from '../../../shared/backtest-sweep';
import { formatPrice } from '../../../core/format';
import type { AppClient } from '../api/connection';
import { NO_DOWNLOAD, withDownloadProgress, type DownloadState } from './history-download';
import { runLocalBacktest, runLocalSweep, type LocalHistory } from './local-backtest';
import { backtestErrorText } from './run-error';

export type Outcome = { kind: 'done' | 'error'; text: string } | null;

/**
 * 'BTC: 3,396 daily closes and 7,926 funding settlements on hand (6,831 new).' What the store holds
 * is the figure that matters; points the market had already recorded are not new.
 */
export function downloadedText(done: BacktestHistoryDownloaded): string {
  const parts = Object.entries(done.held).map(([asset, held]) => {
    const added = done.stored[asset];
    const fresh = added ? added['daily-close'] + added.funding : 0;
    return `${asset}: ${formatPrice(held['daily-close'], 0)} daily closes and ${formatPrice(held.funding, 0)} funding settlements on hand (${formatPrice(fresh, 0)} new)`;
  });
  return parts.length === 0 ? 'Nothing was downloaded.' : `${parts.join('; ')}.`;
}

export function useHistoryDownload(client: AppClient) {
  const [progress, setProgress] = useState<DownloadState>(NO_DOWNLOAD);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'history-download') {
          setProgress((s) => withDownloadProgress(s, event.progress));
        }
      }),
    [client],
  );

  const start = useCallback(
    async (assets: string[]) => {
      setRunning(true);
      setOutcome(null);
      setProgress(NO_DOWNLOAD);
      try {
        setOutcome({
          kind: 'done',
          text: downloadedText(await client.downloadBacktestHistory({ assets })),
        });
      } catch (error) {
        setOutcome({ kind: 'error', text: backtestErrorText(error) });
      } finally {
        setRunning(false);
      }
    },
    [client],
  );

  const cancel = useCallback(async () => {
    try {
      await client.cancelBacktestHistory();
    } catch (error) {
      setOutcome({ kind: 'error', text: backtestErrorText(error) });
    }
  }, [client]);

  return { progress, running, outcome, start, cancel };
}

export function useBacktestRun(client: AppClient) {
  const [result, setResult] = useState<{ result: BacktestResult; assets: string[] } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Only the latest run's answer is shown, however the answers arrive.
  const latest = useRef(0);

  /** Runs on the host's stored history, or on `local` history read from files. */
  const run = useCallback(
    async (request: BacktestRequestInput, local: LocalHistory | null = null) => {
      const id = ++latest.current;
      setRunning(true);
      setError(null);
      try {
        const answer = local ? runLocalBacktest(local, request) : await client.runBacktest(request);
        if (id === latest.current) setResult({ result: answer, assets: [...request.assets] });
      } catch (e) {
        if (id === latest.current) setError(backtestErrorText(e));
      } finally {
        if (id === latest.current) setRunning(false);
      }
    },
    [client],
  );

  return { result, running, error, run };
}

/** A sweep run on the host, its progress followed through `backtest-sweep` events, and stoppable. */
export function useBacktestSweep(client: AppClient) {
  const [result, setResult] = useState<BacktestSweepResult | null>(null);
  const [progress, setProgress] = useState<BacktestSweepProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  // The sweep running in this window, if any: stopping it is a flag its loop reads between cells.
  const local = useRef<{ stopped: boolean } | null>(null);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'backtest-sweep' && local.current === null) setProgress(event.progress);
      }),
    [client],
  );

  /** Sweeps the host's stored history, or `history` read from files. */
  const run = useCallback(
    async (request: BacktestSweepRequestInput, history: LocalHistory | null = null) => {
      const id = ++latest.current;
      if (local.current) local.current.stopped = true;
      const mine = history ? { stopped: false } : null;
      local.current = mine;
      setRunning(true);
      setError(null);
      setProgress(null);
      try {
        const answer =
          history && mine
            ? await runLocalSweep(history, request, {
                onProgress: (p) => id === latest.current && setProgress(p),
                stopped: () => mine.stopped,
              })
            : await client.runBacktestSweep(request);
        if (id === latest.current) setResult(answer);
      } catch (e) {
        if (id === latest.current) setError(backtestErrorText(e));
      } finally {
        if (local.current === mine) local.current = null;
        if (id === latest.current) setRunning(false);
      }
    },
    [client],
  );

  const cancel = useCallback(async () => {
    if (local.current) {
      local.current.stopped = true;
      return;
    }
    try {
      await client.cancelBacktestSweep();
    } catch (e) {
      setError(backtestErrorText(e));
    }
  }, [client]);

  return { result, progress, running, error, run, cancel };
}
