// The portfolio's value over the chosen range, drawn with the same chart as the market history. Read
// again whenever the range changes or the host comes back.
import { Box, Center, Loader, Stack, Text } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import type { PortfolioHistory } from '../../../shared/portfolio';
import { toLineData } from '../charts/chart-data';
import { HistoryChart } from '../charts/HistoryChart';
import { useClient } from '../client-context';
import { LabeledSegments } from '../ui/LabeledSegments';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { useHostRead } from '../use-host-read';
import { HISTORY_RANGES, historyQuery, valueChange, type HistoryRangeId } from './dashboard-view';

export function ValueHistory() {
  const [range, setRange] = useState<HistoryRangeId>('1m');
  return (
    <Stack gap="sm">
      <LabeledSegments<HistoryRangeId>
        label="Range"
        value={range}
        data={HISTORY_RANGES.map((r) => ({ value: r.id, label: r.label }))}
        onChange={setRange}
      />
      {/* A new range is a new read: the chart starts over rather than mixing two ranges. */}
      <RangeChart key={range} range={range} />
    </Stack>
  );
}

function RangeChart({ range }: { range: HistoryRangeId }) {
  const client = useClient();
  const summaryId = useId();
  const [history, setHistory] = useState<PortfolioHistory | null>(null);
  const { loading, error, retry } = useHostRead(
    client,
    (c) => c.getPortfolioHistory(historyQuery(range, Date.now())),
    setHistory,
  );
  const data = useMemo(
    () =>
      history
        ? toLineData(
            history.points.map((p) => p[0]),
            history.points.map((p) => p[1]),
          )
        : null,
    [history],
  );
  const change = history ? valueChange(history.points) : null;
  // A line needs two points: with fewer, the words above say why there is none instead of an empty frame.
  const drawn = history === null ? loading : history.points.length >= 2;
  const name = HISTORY_RANGES.find((r) => r.id === range)?.name ?? range;

  if (error !== null) {
    return (
      <LoadErrorAlert
        title="The value history could not be loaded"
        message={error}
        onRetry={retry}
      />
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" id={summaryId} data-testid="value-change" role="status">
        {loading && history === null
          ? 'Loading the value history…'
          : change
            ? `Change over ${name}: ${change.text}`
            : `Not enough history over ${name} to show a change yet.`}
      </Text>
      {drawn && (
        <Box pos="relative">
          <HistoryChart kind="price" data={data} live={null} height={240} />
          {loading && history === null && (
            <Center pos="absolute" inset={0}>
              <Loader size="sm" aria-hidden />
            </Center>
          )}
        </Box>
      )}
    </Stack>
  );
}
