// One share against its target: the drift band shaded, the target as a tick, the share now as a bar,
// and the same numbers in words for screen readers.
import { Box, Stack, Text } from '@mantine/core';
import type { Bucket } from '../../../shared/strategy';
import type { BucketBar } from './dashboard-view';

const BAR_COLORS: Record<Bucket, string> = {
  spot: 'var(--mantine-color-blue-filled)',
  hedged: 'var(--mantine-color-violet-filled)',
  stable: 'var(--mantine-color-teal-filled)',
};

const pct = (share: number) => `${Math.max(0, Math.min(1, share)) * 100}%`;

export function DriftBar({ bar, compact = false }: { bar: BucketBar; compact?: boolean }) {
  return (
    <Stack gap={2}>
      {!compact && (
        <Text size="sm" aria-hidden>
          {bar.text}
        </Text>
      )}
      <Box
        role="img"
        aria-label={bar.text}
        data-beyond-band={bar.beyondBand}
        style={{
          position: 'relative',
          height: compact ? 14 : 22,
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-default-hover)',
          border: bar.beyondBand
            ? '1px solid var(--mantine-color-red-filled)'
            : '1px solid var(--mantine-color-default-border)',
          overflow: 'hidden',
        }}
      >
        <Box
          style={{
            position: 'absolute',
            left: pct(bar.low),
            width: pct(bar.high - bar.low),
            top: 0,
            bottom: 0,
            background: 'var(--mantine-color-gray-light)',
            borderLeft: '1px dashed var(--mantine-color-dimmed)',
            borderRight: '1px dashed var(--mantine-color-dimmed)',
          }}
        />
        {bar.current !== null && (
          <Box
            style={{
              position: 'absolute',
              left: 0,
              width: pct(bar.current),
              top: '25%',
              bottom: '25%',
              background: BAR_COLORS[bar.bucket],
            }}
          />
        )}
        <Box
          style={{
            position: 'absolute',
            left: pct(bar.target),
            top: 0,
            bottom: 0,
            width: 2,
            marginLeft: -1,
            background: 'var(--mantine-color-text)',
          }}
        />
      </Box>
    </Stack>
  );
}
