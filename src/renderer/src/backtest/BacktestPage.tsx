// The Backtest view: what the user's policy (as saved, or edited here for this run only) would have
// done on years of the market's history, against the three benchmarks.
import { Alert, Box, Button, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useState, type Ref } from 'react';
import { backtestPolicyFromSettings } from '../../../shared/backtest';
import { useClient } from '../client-context';
import { useLiveSettings } from '../markets/use-market-data';
import { downloadText } from '../ui/download';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { BacktestChart } from './BacktestChart';
import { BacktestForm } from './BacktestForm';
import {
  draftDiffersFromBase,
  draftFromBase,
  requestFromDraft,
  type BacktestDraft,
} from './backtest-form';
import { chartSummary, curvesCsv, curvesFileName, metricRows } from './backtest-results';
import { DownloadProgress } from './DownloadPanel';
import { CsvImportPanel, newCsvEntry } from './CsvImportPanel';
import { readCsvHistory, type CsvEntry } from './csv-source';
import type { LocalHistory } from './local-backtest';
import { MetricsTable } from './MetricsTable';
import { LabeledSegments } from '../ui/LabeledSegments';
import { SweepSection } from './SweepSection';
import { useBacktestRun, useHistoryDownload } from './use-backtest';

const POLICY_FIELDS = [
  'thresholdMode',
  'moderateFrom',
  'extremeAbove',
  'kModerate',
  'kExtreme',
  'averagingWindowDays',
  'rule',
] as const satisfies readonly (keyof BacktestDraft)[];

export function BacktestPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const live = useLiveSettings(client);
  const { settings } = live;
  const base = useMemo(() => (settings ? backtestPolicyFromSettings(settings) : null), [settings]);
  const [edits, setEdits] = useState<Partial<BacktestDraft>>({});
  const draft = useMemo(() => (base ? { ...draftFromBase(base), ...edits } : null), [base, edits]);
  const [source, setSource] = useState<'venue' | 'csv'>('venue');
  const [csvEntries, setCsvEntries] = useState<CsvEntry[]>(() => [newCsvEntry()]);
  const csv = useMemo(() => readCsvHistory(csvEntries), [csvEntries]);
  const fromFiles = source === 'csv';
  const local: LocalHistory | null =
    fromFiles && csv.ok ? { series: csv.series, funding: csv.funding } : null;
  // From files, the assets are the files' own.
  const asRun = draft && fromFiles ? { ...draft, assets: csv.ok ? [...csv.assets] : [] } : draft;
  const reading = asRun && base ? requestFromDraft(asRun, base) : null;
  const runnable = reading?.ok === true && (!fromFiles || csv.ok);
  const problems = reading && !reading.ok ? reading.problems : {};
  const download = useHistoryDownload(client);
  const backtest = useBacktestRun(client);
  const [logScale, setLogScale] = useState(true);

  const change = (next: Partial<BacktestDraft>) => setEdits((e) => ({ ...e, ...next }));
  const resetPolicy = () =>
    setEdits((e) => {
      const kept = { ...e };
      for (const key of POLICY_FIELDS) delete kept[key];
      return kept;
    });

  const shown = backtest.result;
  const rows = useMemo(() => (shown ? metricRows(shown.result) : []), [shown]);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Backtest
        </Title>
        <Text c="dimmed" size="sm">
          What your policy would have done on the market&apos;s history, against buy and hold, a
          static 70/30 mix and an always-on carry.
        </Text>
      </div>
      {live.error !== null && (
        <LoadErrorAlert
          title="Your settings did not load"
          message={live.error}
          onRetry={live.retry}
        />
      )}
      {draft === null || base === null ? (
        live.error === null && <Loader aria-label="Loading your settings" />
      ) : (
        <>
          <Section
            title="History"
            intro={
              fromFiles
                ? 'Your own files of daily prices and funding, read in this window for this session.'
                : "Daily closes and funding downloaded once from the market's venue; a later download fetches only what is new."
            }
          >
            <LabeledSegments
              label="Source"
              value={source}
              onChange={setSource}
              data={[
                { value: 'venue', label: "The market's venue" },
                { value: 'csv', label: 'CSV files' },
              ]}
            />
            {fromFiles ? (
              <>
                <CsvImportPanel entries={csvEntries} onChange={setCsvEntries} />
                {!csv.ok && (
                  <Text size="sm" c="dimmed">
                    {csv.problem}
                  </Text>
                )}
              </>
            ) : (
              <>
                <Group>
                  <Button
                    onClick={() => void download.start(draft.assets)}
                    disabled={download.running || draft.assets.length === 0}
                    loading={download.running}
                  >
                    Download history
                  </Button>
                  {download.running && (
                    <Button variant="default" onClick={() => void download.cancel()}>
                      Cancel download
                    </Button>
                  )}
                </Group>
                <DownloadProgress state={download.progress} running={download.running} />
                {download.outcome !== null &&
                  (download.outcome.kind === 'error' ? (
                    <Alert color="red" role="alert" title="Download stopped">
                      {download.outcome.text}
                    </Alert>
                  ) : (
                    <Text size="sm" role="status">
                      {download.outcome.text}
                    </Text>
                  ))}
              </>
            )}
          </Section>
          <Section title="Settings">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (runnable && reading?.ok) void backtest.run(reading.request, local);
              }}
            >
              <Stack gap="sm">
                <BacktestForm
                  draft={draft}
                  onChange={change}
                  problems={problems}
                  tracked={base.assets}
                  assetsFromFiles={fromFiles ? (csv.ok ? csv.assets : []) : null}
                  edited={draftDiffersFromBase(draft, base)}
                  onReset={resetPolicy}
                />
                <Group>
                  <Button type="submit" disabled={!runnable} loading={backtest.running}>
                    Run backtest
                  </Button>
                </Group>
                {backtest.error !== null && (
                  <Alert color="red" role="alert" title="The backtest did not run">
                    {backtest.error}
                  </Alert>
                )}
              </Stack>
            </form>
          </Section>
          {shown !== null && (
            <Section
              title="Results"
              intro={`${shown.assets.join(', ')} from ${shown.result.window.from} to ${shown.result.window.to}.`}
            >
              <Group justify="space-between">
                <Switch
                  label="Logarithmic scale"
                  checked={logScale}
                  onChange={(e) => setLogScale(e.currentTarget.checked)}
                />
                <Button
                  variant="default"
                  onClick={() =>
                    downloadText(
                      curvesFileName(shown.result, shown.assets),
                      curvesCsv(shown.result),
                    )
                  }
                >
                  Export CSV
                </Button>
              </Group>
              <Box
                component="figure"
                m={0}
                aria-label="Equity of the four strategies, the policy's drawdown and the regime over time"
              >
                <BacktestChart result={shown.result} logScale={logScale} />
                <Text component="figcaption" size="sm" mt="xs">
                  {chartSummary(shown.result)}
                </Text>
              </Box>
              <MetricsTable
                rows={rows}
                caption={`The four strategies from ${shown.result.window.from} to ${shown.result.window.to}, each starting from 1`}
              />
            </Section>
          )}
          <Section
            title="Sweep"
            intro="The regime policy over a grid of two of its settings, on the same history, costs and window as above: a setting whose neighbours do about as well is robust; one that stands alone was lucky."
          >
            <SweepSection
              client={client}
              request={runnable && reading?.ok ? reading.request : null}
              local={local}
            />
          </Section>
        </>
      )}
    </Stack>
  );
}
