// History being fetched for newly tracked assets: a labelled progress bar per asset and series.
import { Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { backfillEntries, backfillLabel, type BackfillState } from './backfill-progress';

export function BackfillPanel({ state }: { state: BackfillState }) {
  const id = useId();
  const entries = backfillEntries(state);
  if (entries.length === 0) return null;
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
        {entries.map((entry) => {
          const label = backfillLabel(entry);
          return (
            <Stack key={entry.key} gap={4}>
              <Text size="sm" aria-hidden>
                {label}
              </Text>
              <Progress
                value={entry.percent}
                aria-label={label}
                color={entry.error === null ? undefined : 'red'}
                animated={entry.error === null}
                striped={entry.error === null}
              />
              {entry.error !== null && (
                <Text size="sm" c="red" role="alert">
                  {entry.error}
                </Text>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
