// The term structure as an SVG scatter (x is days to expiry, not time), drawn at the width it is
// given so its labels keep their size on a phone, with the regime thresholds as levels across and
// the curve as it was 1 and 7 days ago for comparison. The table beside it holds the figures.
import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { formatPercent } from '../../../core/format';
import type { AssetSnapshot, PastTermCurve } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { thresholdLines } from '../charts/chart-data';
import { layoutTermStructure, termStructurePoints, type TermPoint } from './term-structure';
import { formatDays } from './time-text';

const HEIGHT = 260;
const MARGIN = { left: 56, right: 16, top: 24, bottom: 40 };
const MIN_WIDTH = 300;

const AXIS = 'var(--mantine-color-dimmed)';
const GRID = 'var(--mantine-color-default-border)';
const LINE = 'var(--mantine-primary-color-filled)';
const TEXT = 'var(--mantine-color-text)';
const THRESHOLD = 'var(--mantine-color-orange-7)';
/** One dash pattern per past curve, so they are told apart without colour. */
const PAST_DASH: Record<number, string> = { 1: '6 3', 7: '2 3' };

function tickPercent(value: number, step: number): string {
  return formatPercent(value, step >= 0.01 ? 0 : 1);
}

function describe(asset: string, points: TermPoint[], past: readonly PastTermCurve[]): string {
  const parts = points.map((p) =>
    p.kind === 'perp'
      ? `perpetual ${formatPercent(p.annualized)}`
      : `${p.label} (${formatDays(p.days)}) ${formatPercent(p.annualized)}`,
  );
  const then = past
    .filter((c) => c.at !== null && c.points.length > 0)
    .map(
      (c) =>
        `${c.agoDays === 1 ? '1 day' : `${c.agoDays} days`} ago: ${c.points
          .map((p) => `${formatDays(p.days)} ${formatPercent(p.annualized)}`)
          .join(', ')}`,
    );
  return `Annualized premium of ${asset} by days to expiry: ${parts.join('; ')}.${
    then.length > 0 ? ` ${then.join('. ')}.` : ''
  }`;
}

export interface TermStructureChartProps {
  asset: AssetSnapshot;
  thresholds: Thresholds | null;
  past: readonly PastTermCurve[];
}

export function TermStructureChart({ asset, thresholds, past }: TermStructureChartProps) {
  const titleId = useId();
  const { ref, width: measured } = useElementSize();
  const width = Math.max(MIN_WIDTH, Math.round(measured) || 640);
  const area = { width, height: HEIGHT, ...MARGIN };
  const points = termStructurePoints(asset);
  const lines = thresholds ? thresholdLines(thresholds) : [];
  const drawnPast = past.filter((c) => c.at !== null && c.points.length > 0);
  const layout = layoutTermStructure(points, area, {
    levels: lines.map((l) => l.price),
    others: drawnPast.flatMap((c) => c.points),
  });
  const step =
    layout.yTicks.length > 1 ? Math.abs(layout.yTicks[1]!.value - layout.yTicks[0]!.value) : 0.01;
  const path = layout.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const right = width - MARGIN.right;
  // On a narrow chart only every other expiry is named, so the names do not run into each other.
  const nameEvery = width < 480 && layout.points.length > 4 ? 2 : 1;

  return (
    <Box ref={ref} w="100%">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width={width}
        height={HEIGHT}
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxWidth: '100%' }}
      >
        <title id={titleId}>{describe(asset.asset, points, past)}</title>
        {layout.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={MARGIN.left} x2={right} y1={t.y} y2={t.y} stroke={GRID} />
            <text
              x={MARGIN.left - 8}
              y={t.y}
              dy="0.32em"
              textAnchor="end"
              fontSize={12}
              fill={AXIS}
            >
              {tickPercent(t.value, step)}
            </text>
          </g>
        ))}
        {layout.zeroY !== null && (
          <line x1={MARGIN.left} x2={right} y1={layout.zeroY} y2={layout.zeroY} stroke={AXIS} />
        )}
        {lines.map((l) => (
          <line
            key={`t${l.price}`}
            x1={MARGIN.left}
            x2={right}
            y1={layout.y(l.price)}
            y2={layout.y(l.price)}
            stroke={THRESHOLD}
            strokeDasharray="4 4"
            strokeOpacity={0.8}
          />
        ))}
        {layout.xTicks.map((t) => (
          <text
            key={`x${t.value}`}
            x={t.x}
            y={HEIGHT - MARGIN.bottom + 18}
            textAnchor="middle"
            fontSize={12}
            fill={AXIS}
          >
            {t.value === 0 ? '0' : `${t.value} d`}
          </text>
        ))}
        <text x={right} y={HEIGHT - 4} textAnchor="end" fontSize={12} fill={AXIS}>
          days to expiry
        </text>
        {drawnPast.map((c) => (
          <path
            key={`past${c.agoDays}`}
            d={[...c.points]
              .sort((a, b) => a.days - b.days)
              .map((p, i) => `${i === 0 ? 'M' : 'L'}${layout.x(p.days)},${layout.y(p.annualized)}`)
              .join(' ')}
            fill="none"
            stroke={AXIS}
            strokeWidth={1.5}
            strokeDasharray={PAST_DASH[c.agoDays] ?? '3 3'}
          />
        ))}
        <path d={path} fill="none" stroke={LINE} strokeWidth={2} strokeOpacity={0.7} />
        {layout.points.map((p, i) => (
          <g key={p.symbol}>
            {p.kind === 'perp' ? (
              <rect x={p.x - 5} y={p.y - 5} width={10} height={10} fill={LINE} />
            ) : (
              <circle
                cx={p.x}
                cy={p.y}
                r={5}
                fill={p.inSignal ? LINE : 'var(--mantine-color-body)'}
                stroke={LINE}
                strokeWidth={2}
              />
            )}
            {(p.kind === 'perp' || i % nameEvery === 0) && (
              <text
                x={p.x}
                // The perpetual's name sits below its point, clear of the nearest expiry's above.
                y={p.kind === 'perp' ? p.y + 20 : p.y - 10}
                textAnchor={p.kind === 'perp' ? 'start' : p.x > right - 40 ? 'end' : 'middle'}
                fontSize={12}
                fill={TEXT}
              >
                {p.kind === 'perp' ? 'perp' : p.label.replace(/, \d{4}$/, '')}
              </text>
            )}
          </g>
        ))}
      </svg>
      <Group
        gap="md"
        wrap="wrap"
        component="ul"
        aria-label="Term structure key"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        <Text component="li" size="xs">
          Solid: now (square: perpetual; hollow: too near expiry for the signal)
        </Text>
        {past.map((c) => (
          <Text component="li" size="xs" key={`k${c.agoDays}`}>
            {c.agoDays === 1 ? 'Dashed: 1 day ago' : `Dotted: ${c.agoDays} days ago`}
            {c.at === null || c.points.length === 0 ? ' (not recorded yet)' : ''}
          </Text>
        ))}
        {lines.length > 0 && (
          <Text component="li" size="xs">
            Orange dashes: thresholds{' '}
            {lines.map((l) => `${l.title} ${formatPercent(l.price)}`).join(', ')}
          </Text>
        )}
      </Group>
    </Box>
  );
}
