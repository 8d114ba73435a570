import { Badge } from '@mantine/core';
import type { Regime } from '../../../shared/strategy';
import { REGIME_LABELS } from '../../../shared/strategy';

/** Cool for cheap markets, warm for frothy ones; the label always carries the meaning, not the colour. */
export const REGIME_COLORS: Record<Regime, string> = {
  'deep-backwardation': 'teal',
  neutral: 'gray',
  'moderate-contango': 'orange',
  'extreme-contango': 'red',
};

export function RegimeBadge({
  regime,
  size = 'md',
}: {
  regime: Regime;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  return (
    <Badge
      color={REGIME_COLORS[regime]}
      variant="light"
      size={size}
      tt="none"
      // A table column may be narrow; the regime's name is never cut short.
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {REGIME_LABELS[regime]}
    </Badge>
  );
}
