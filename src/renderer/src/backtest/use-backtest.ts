// The page's two long calls to the host: the history download, followed through its progress events
// and stoppable, and the backtest run. Each says how it ended, in words.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BacktestHistoryDownloaded,
  BacktestRequestInput,
  BacktestResult,
} from '../../../shared/backtest';
import { formatPrice } from '../../../core/format';
import type { AppClient } from '../api/connection';
import { NO_DOWNLOAD, withDownloadProgress, type DownloadState } from './history-download';
import { backtestErrorText } from './run-error';

export type Outcome = { kind: 'done' | 'error'; text: string } | null;

/** 'Stored BTC: 2,348 daily closes and 7,044 funding settlements.' */
export function downloadedText(done: BacktestHistoryDownloaded): string {
  const parts = Object.entries(done.stored).map(
    ([asset, counts]) =>
      `${asset}: ${formatPrice(counts['daily-close'], 0)} daily closes and ${formatPrice(counts.funding, 0)} funding settlements`,
  );
  return parts.length === 0 ? 'Nothing was stored.' : `Stored ${parts.join('; ')}.`;
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

  const run = useCallback(
    async (request: BacktestRequestInput) => {
      const id = ++latest.current;
      setRunning(true);
      setError(null);
      try {
        const answer = await client.runBacktest(request);
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
