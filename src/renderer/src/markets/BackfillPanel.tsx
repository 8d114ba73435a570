// History being fetched for newly tracked assets: one line and one bar for the whole run, so the
// panel keeps its height from one series to the next; a failed series is named with its error.
import { Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { backfillSummary, type BackfillState } from './backfill-progress';

export function BackfillPanel({ state }: { state: BackfillState }) {
  const id = useId();
  const summary = backfillSummary(state);
  if (summary === null) return null;
  const running = summary.percent < 100;
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h5" id={id}>
          Loading history
        </Title>
        <Text size="xs" c="dimmed">
          The trailing year of prices and funding is fetched once for each new asset; charts and
          history-based thresholds fill in as it arrives.
        </Text>
        <Text size="sm" aria-hidden>
          {summary.text}
        </Text>
        <Progress
          value={summary.percent}
          aria-label={summary.text}
          animated={running}
          striped={running}
        />
        {summary.failed.map((f) => (
          <Text key={f.key} size="sm" c="red" role="alert">
            {f.text}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
