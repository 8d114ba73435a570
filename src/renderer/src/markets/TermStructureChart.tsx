// The term structure as a small SVG scatter (x is days to expiry, not time), with the same points in
// a table beneath it for screen readers and for reading exact figures.
import { Stack, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { formatPercent, formatPrice } from '../../../core/format';
import type { AssetSnapshot } from '../../../shared/market';
import { layoutTermStructure, termStructurePoints, type TermPoint } from './term-structure';
import { formatDays } from './time-text';

const AREA = { width: 640, height: 240, left: 64, right: 24, top: 24, bottom: 40 };

const AXIS = 'var(--mantine-color-dimmed)';
const GRID = 'var(--mantine-color-default-border)';
const LINE = 'var(--mantine-primary-color-filled)';

function tickPercent(value: number, step: number): string {
  return formatPercent(value, step >= 0.01 ? 0 : 1);
}

function describe(asset: string, points: TermPoint[]): string {
  if (points.length === 0) return `${asset} has no perpetual or dated future to plot.`;
  const parts = points.map((p) =>
    p.kind === 'perp'
      ? `perpetual ${formatPercent(p.annualized)}`
      : `${p.label} (${formatDays(p.days)}) ${formatPercent(p.annualized)}`,
  );
  return `Annualized premium of ${asset} by days to expiry: ${parts.join('; ')}.`;
}

export function TermStructureChart({ asset }: { asset: AssetSnapshot }) {
  const titleId = useId();
  const points = termStructurePoints(asset);
  const layout = layoutTermStructure(points, AREA);
  const step =
    layout.yTicks.length > 1 ? Math.abs(layout.yTicks[1]!.value - layout.yTicks[0]!.value) : 0.01;
  const path = layout.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const label = describe(asset.asset, points);

  return (
    <Stack gap="xs">
      {points.length > 0 && (
        <svg
          viewBox={`0 0 ${AREA.width} ${AREA.height}`}
          width="100%"
          role="img"
          aria-labelledby={titleId}
          style={{ maxWidth: AREA.width, display: 'block' }}
        >
          <title id={titleId}>{label}</title>
          {layout.yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line x1={AREA.left} x2={AREA.width - AREA.right} y1={t.y} y2={t.y} stroke={GRID} />
              <text
                x={AREA.left - 8}
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
            <line
              x1={AREA.left}
              x2={AREA.width - AREA.right}
              y1={layout.zeroY}
              y2={layout.zeroY}
              stroke={AXIS}
              strokeWidth={1}
            />
          )}
          {layout.xTicks.map((t) => (
            <text
              key={`x${t.value}`}
              x={t.x}
              y={AREA.height - AREA.bottom + 18}
              textAnchor="middle"
              fontSize={12}
              fill={AXIS}
            >
              {t.value === 0 ? '0' : `${t.value} d`}
            </text>
          ))}
          <text
            x={AREA.width - AREA.right}
            y={AREA.height - 4}
            textAnchor="end"
            fontSize={11}
            fill={AXIS}
          >
            days to expiry
          </text>
          <path d={path} fill="none" stroke={LINE} strokeWidth={1.5} strokeOpacity={0.6} />
          {layout.points.map((p) => (
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
              <text
                x={p.x}
                y={p.y - 10}
                textAnchor={p.kind === 'perp' ? 'start' : 'middle'}
                fontSize={11}
                fill="var(--mantine-color-text)"
              >
                {p.kind === 'perp' ? 'perp' : p.label.replace(/, \d{4}$/, '')}
              </text>
            </g>
          ))}
        </svg>
      )}
      <Table.ScrollContainer minWidth={480} type="native">
        <Table withTableBorder verticalSpacing={4} fz="sm" captionSide="top">
          <Table.Caption ta="left">{asset.asset} term structure</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Contract</Table.Th>
              <Table.Th scope="col">Expiry</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Days to expiry
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Price
              </Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Annualized
              </Table.Th>
              <Table.Th scope="col">Signal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed">
                    No perpetual or dated future listed.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {points.map((p) => {
              const future = asset.futures.find((f) => f.symbol === p.symbol);
              return (
                <Table.Tr key={p.symbol}>
                  <Table.Th scope="row" fw={500}>
                    {p.kind === 'perp' ? `${p.symbol} (perp)` : p.symbol}
                  </Table.Th>
                  <Table.Td>{p.kind === 'perp' ? 'none' : p.label}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {p.kind === 'perp' ? '0' : formatDays(p.days)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {p.kind === 'perp'
                      ? formatPrice(asset.perp?.mark ?? Number.NaN)
                      : formatPrice(future?.price ?? Number.NaN)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {formatPercent(p.annualized)}
                    {p.kind === 'perp' && ' (funding)'}
                  </Table.Td>
                  <Table.Td>{p.inSignal ? 'eligible' : 'too near expiry'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
