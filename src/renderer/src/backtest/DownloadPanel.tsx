// The history download: a labelled progress bar per asset and series as the host reports it.
import { Progress, Stack, Text } from '@mantine/core';
import { downloadEntries, type DownloadState } from './history-download';

export function DownloadProgress({ state, running }: { state: DownloadState; running: boolean }) {
  const entries = downloadEntries(state);
  if (entries.length === 0) return null;
  return (
    <Stack gap="xs">
      {entries.map((entry) => (
        <Stack key={entry.key} gap={4}>
          <Text size="sm" aria-hidden>
            {entry.label}
          </Text>
          <Progress
            value={entry.percent}
            aria-label={entry.label}
            animated={running && entry.percent < 100}
            striped={running && entry.percent < 100}
          />
        </Stack>
      ))}
    </Stack>
  );
}
