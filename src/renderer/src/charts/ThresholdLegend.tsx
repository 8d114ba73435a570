// The key to the premium chart: each dashed threshold line with its level, and the regime shades
// behind the line. Levels are written here rather than on the axis, where they would overlap.
import { Box, Group, Text, useComputedColorScheme } from '@mantine/core';
import { REGIME_LABELS, REGIMES } from '../../../shared/strategy';
import { percentAxisLabel, type ThresholdLine } from './chart-data';
import { chartPalette } from './chart-theme';
import { thresholdColour } from './HistoryChart';

export function ThresholdLegend({ lines }: { lines: readonly ThresholdLine[] }) {
  const palette = chartPalette(useComputedColorScheme('light'));
  return (
    <Box component="ul" aria-label="Chart key" m={0} p={0} style={{ listStyle: 'none' }}>
      <Group gap="md" wrap="wrap">
        {lines.map((line) => (
          <Group key={line.price} component="li" gap={6} wrap="nowrap">
            <Box
              aria-hidden
              w={18}
              style={{ borderTop: `2px dashed ${thresholdColour(line, palette)}` }}
            />
            <Text size="xs">
              {line.title} {percentAxisLabel(line.price)}
            </Text>
          </Group>
        ))}
        {REGIMES.map((regime) => (
          <Group key={regime} component="li" gap={6} wrap="nowrap">
            <Box
              aria-hidden
              w={14}
              h={12}
              style={{
                background: palette.regime[regime],
                border: `1px solid ${palette.border}`,
              }}
            />
            <Text size="xs">{REGIME_LABELS[regime]} (shaded)</Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}
