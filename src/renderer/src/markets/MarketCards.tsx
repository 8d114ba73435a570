// The tracked assets on a phone: a card per asset with what the strategy acts on first (the regime
// and the signal premium), then prices, funding and the nearest future, so nothing scrolls sideways.
import { Anchor, CloseButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId, type MouseEvent, type ReactNode } from 'react';
import { RegimeBadge } from '../ui/RegimeBadge';
import { intervalFootnote } from './market-row';
import { Countdown, FIGURE, Freshness, FundingRate, selectOnPlainClick, Sub } from './MarketCells';
import type { MarketsTableProps } from './MarketsTable';
import { ShownValue } from './ShownValue';
import { useNow } from './use-market-data';

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function MarketCards({
  rows,
  selected,
  hrefFor,
  onSelect,
  onRemove,
  canRemove,
  notCurrent,
}: MarketsTableProps) {
  const now = useNow(1_000);
  const footnote = intervalFootnote(rows);
  const titleId = useId();

  const select = selectOnPlainClick(onSelect);

  return (
    <Stack gap="sm">
      <Text fw={600} id={titleId}>
        Tracked assets
        {notCurrent !== null && (
          <Text component="span" size="sm" c="dimmed">
            {' '}
            (not current)
          </Text>
        )}
      </Text>
      <Stack
        component="ul"
        gap="sm"
        aria-labelledby={titleId}
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {rows.map((row) => {
          const isSelected = row.asset === selected;
          return (
            <Paper
              component="li"
              key={row.asset}
              data-asset={row.asset}
              withBorder
              p="sm"
              radius="md"
              bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}
              aria-label={row.asset}
            >
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="xs" wrap="wrap">
                    <Anchor
                      href={hrefFor(row.asset)}
                      onClick={(e: MouseEvent<HTMLAnchorElement>) => select(e, row.asset)}
                      aria-current={isSelected ? 'true' : undefined}
                      fw={700}
                      size="lg"
                    >
                      {row.asset}
                    </Anchor>
                    <span data-testid="regime">
                      {row.regime ? (
                        <RegimeBadge regime={row.regime} size="sm" />
                      ) : (
                        <ShownValue value={{ text: '—', missing: 'No regime: no premium yet' }} />
                      )}
                    </span>
                  </Group>
                  <CloseButton
                    size="sm"
                    aria-label={`Remove ${row.asset}`}
                    title={`Stop tracking ${row.asset}`}
                    disabled={!canRemove}
                    onClick={() => onRemove(row.asset)}
                  />
                </Group>
                <Stack gap={0} data-testid="signal-premium">
                  <Text size="xs" c="dimmed">
                    Signal premium
                  </Text>
                  <ShownValue value={row.premium} fw={700} size="lg" style={FIGURE} />
                  {row.source && (
                    <Sub>
                      {row.source}
                      {row.method && <> · {row.method}</>}
                      {row.held && <> · {row.held}</>}
                    </Sub>
                  )}
                </Stack>
                {row.problem !== null && (
                  <Text size="xs" c="orange.8" data-testid="asset-problem">
                    {row.problem}
                  </Text>
                )}
                <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
                  <Figure label="Spot">
                    <ShownValue value={row.spot} style={FIGURE} />
                  </Figure>
                  <Figure label="Funding">
                    {row.funding ? (
                      <>
                        <FundingRate funding={row.funding} />
                        <Sub>
                          <ShownValue value={row.funding.annualized} size="xs" /> · next in{' '}
                          <Countdown at={row.funding.nextFundingAt} now={now} />
                        </Sub>
                      </>
                    ) : (
                      <ShownValue
                        value={{
                          text: '—',
                          missing: row.listed ? 'No perpetual listed' : 'No data yet',
                        }}
                      />
                    )}
                  </Figure>
                  <Figure label="Nearest future">
                    {row.nearestFuture ? (
                      <>
                        <Text component="span" size="sm" style={FIGURE}>
                          {row.nearestFuture.basis.text}
                        </Text>
                        <Sub>{row.nearestFuture.expiry}</Sub>
                      </>
                    ) : (
                      <ShownValue
                        value={{
                          text: '—',
                          missing: row.listed ? 'No dated future listed' : 'No data yet',
                        }}
                      />
                    )}
                  </Figure>
                  <Figure label="Updated">
                    <Freshness row={row} now={now} notCurrent={notCurrent} align="flex-start" />
                  </Figure>
                </SimpleGrid>
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      {footnote !== null && (
        <Text size="xs" c="dimmed">
          {footnote}
        </Text>
      )}
    </Stack>
  );
}
