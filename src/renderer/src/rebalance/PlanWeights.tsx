// The plan's weights drawn side by side: the portfolio's three buckets now, at target and after the
// plan as stacked bars (each named in words for screen readers, with a legend), then each asset's spot
// and hedged shares the same three ways in a table.
import { Box, Group, Stack, Table, Text } from '@mantine/core';
import type { RebalancePlan } from '../../../shared/plan';
import { BUCKET_COLORS, StackedBucketBar } from '../calculator/BucketChart';
import { assetWeightRows, portfolioWeightBars, type ShareTriple } from './plan-weights';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function PlanWeights({ plan }: { plan: RebalancePlan }) {
  const bars = portfolioWeightBars(plan);
  return (
    <Stack gap="md">
      <Stack gap="xs" data-testid="portfolio-weights">
        {bars.map((bar) => (
          <Group key={bar.moment} gap="sm" wrap="nowrap" align="center">
            <Text size="sm" w={96} style={{ flexShrink: 0 }} aria-hidden>
              {bar.label}
            </Text>
            <StackedBucketBar
              segments={bar.segments}
              description={bar.description}
              height={32}
              radius="sm"
              textSize="xs"
              grow
            />
          </Group>
        ))}
        <Group
          component="ul"
          gap="lg"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Legend"
        >
          {bars[0]?.segments.map((s) => (
            <Group component="li" key={s.bucket} gap={6} wrap="nowrap">
              <Box
                aria-hidden
                w={12}
                h={12}
                style={{ borderRadius: 3, background: BUCKET_COLORS[s.bucket], flexShrink: 0 }}
              />
              <Text size="sm">{s.label}</Text>
            </Group>
          ))}
        </Group>
      </Stack>
      <AssetWeights plan={plan} />
    </Stack>
  );
}

function AssetWeights({ plan }: { plan: RebalancePlan }) {
  const rows = assetWeightRows(plan);
  if (rows.length === 0) return null;
  return (
    <Stack gap={4}>
      <WideTable minWidth={560} label="Asset weights">
        <Table aria-label="Asset weights now, at target and after the plan" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Asset</Table.Th>
              <Table.Th scope="col">Regime</Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Spot: now / target / after
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Hedged: now / target / after
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.asset} data-testid={`weights-${row.asset}`}>
                <Table.Th scope="row">{row.asset}</Table.Th>
                <Table.Td>{row.regime}</Table.Td>
                <Table.Td style={NUMERIC}>
                  <Triple shares={row.spot} />
                </Table.Td>
                <Table.Td style={NUMERIC}>
                  <Triple shares={row.hedged} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}

function Triple({ shares }: { shares: ShareTriple }) {
  return (
    <Text size="sm" component="span" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {shares.now} / {shares.target} / {shares.after}
      {!shares.reached && (
        <Text component="span" size="xs" c="dimmed">
          {' '}
          (target not reached)
        </Text>
      )}
    </Text>
  );
}
