// One set of range buttons for every history chart of a view: toggle buttons, the chosen one pressed.
import { Button, Group } from '@mantine/core';
import { CHART_RANGE_LABELS, CHART_RANGES, type ChartRange } from './chart-range';

export interface RangeControlProps {
  value: ChartRange;
  onChange: (range: ChartRange) => void;
  /** What the buttons apply to, as the group's name ("BTC history range"). */
  label: string;
}

export function RangeControl({ value, onChange, label }: RangeControlProps) {
  return (
    <Group gap={4} role="group" aria-label={label} wrap="wrap">
      {CHART_RANGES.map((range) => {
        const { short, name } = CHART_RANGE_LABELS[range];
        const pressed = range === value;
        return (
          <Button
            key={range}
            size="compact-sm"
            variant={pressed ? 'filled' : 'default'}
            aria-pressed={pressed}
            aria-label={`${short}: ${name.toLowerCase()}`}
            onClick={() => onChange(range)}
          >
            {short}
          </Button>
        );
      })}
    </Group>
  );
}
