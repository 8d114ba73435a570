// One row per tracked asset: prices, funding, the nearest future's basis, the signal premium that sets
// the regime, and how fresh it all is. Countdowns and ages tick every second.
import { Anchor, CloseButton, Table, Text, VisuallyHidden } from '@mantine/core';
import type { MouseEvent } from 'react';
import { RegimeBadge } from '../ui/RegimeBadge';
import { intervalFootnote, type MarketRow } from './market-row';
import { Countdown, FIGURE, Freshness, FundingRate, selectOnPlainClick, Sub } from './MarketCells';
import { ShownValue } from './ShownValue';
import { WideTable } from '../ui/WideTable';
import { useNow } from './use-market-data';

export interface MarketsTableProps {
  rows: MarketRow[];
  selected: string | null;
  hrefFor: (asset: string) => string;
  onSelect: (asset: string) => void;
  onRemove: (asset: string) => void;
  /** False while a change to the tracked list is being saved, or when only one asset is left. */
  canRemove: boolean;
  /** Why the figures may no longer be the host's (it is out of reach), or null while they are. */
  notCurrent: string | null;
}

const NUMERIC = { textAlign: 'right' } as const;

export function MarketsTable({
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

  const select = selectOnPlainClick(onSelect);

  return (
    <>
      <WideTable minWidth={940} label="Tracked assets">
        <Table verticalSpacing="xs" horizontalSpacing={8} highlightOnHover captionSide="top">
          <Table.Caption ta="left">
            Tracked assets
            {notCurrent !== null && (
              <Text component="span" size="sm" c="dimmed">
                {' '}
                (not current)
              </Text>
            )}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Asset</Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Spot
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Perp mark
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Funding
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Next funding
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Nearest future
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Signal premium
              </Table.Th>
              <Table.Th scope="col">Regime</Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Updated
              </Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Tracking</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const isSelected = row.asset === selected;
              return (
                <Table.Tr
                  key={row.asset}
                  data-asset={row.asset}
                  bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}
                >
                  <Table.Th scope="row">
                    <Anchor
                      href={hrefFor(row.asset)}
                      onClick={(e: MouseEvent<HTMLAnchorElement>) => select(e, row.asset)}
                      aria-current={isSelected ? 'true' : undefined}
                      fw={700}
                      title={`Show ${row.asset}'s term structure and history`}
                    >
                      {row.asset}
                    </Anchor>
                    {!row.listed && (
                      <Sub>
                        <span style={FIGURE}>no data yet</span>
                      </Sub>
                    )}
                    {row.problem !== null && (
                      <Text
                        component="div"
                        size="xs"
                        c="orange.8"
                        fw={400}
                        maw="30ch"
                        data-testid="asset-problem"
                      >
                        {row.problem}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td style={NUMERIC}>
                    <ShownValue value={row.spot} style={FIGURE} />
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    <ShownValue value={row.mark} style={FIGURE} />
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    {row.funding ? (
                      <>
                        <FundingRate funding={row.funding} />
                        <Sub>
                          <ShownValue value={row.funding.annualized} size="xs" />
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
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    {row.funding ? (
                      <Countdown at={row.funding.nextFundingAt} now={now} />
                    ) : (
                      <ShownValue value={{ text: '—', missing: 'No funding' }} />
                    )}
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    {row.nearestFuture ? (
                      <>
                        <Text
                          component="span"
                          size="sm"
                          title={row.nearestFuture.symbol}
                          style={FIGURE}
                        >
                          {row.nearestFuture.basis.text}
                        </Text>
                        <Sub>
                          <span title={`Expires ${row.nearestFuture.expiryDate}`}>
                            {row.nearestFuture.expiry}
                          </span>
                          {!row.nearestFuture.inSignal && <> · too near expiry for the signal</>}
                        </Sub>
                      </>
                    ) : (
                      <ShownValue
                        value={{
                          text: '—',
                          missing: row.listed ? 'No dated future listed' : 'No data yet',
                        }}
                      />
                    )}
                  </Table.Td>
                  <Table.Td style={NUMERIC} data-testid="signal-premium">
                    <ShownValue value={row.premium} fw={700} style={FIGURE} />
                    {row.source && (
                      <Sub>
                        {row.source}
                        {row.method && <> · {row.method}</>}
                      </Sub>
                    )}
                  </Table.Td>
                  <Table.Td data-testid="regime">
                    {row.regime ? (
                      <>
                        <RegimeBadge regime={row.regime} size="sm" />
                        {row.held && <Sub>{row.held}</Sub>}
                      </>
                    ) : (
                      <ShownValue value={{ text: '—', missing: 'No regime: no premium yet' }} />
                    )}
                  </Table.Td>
                  <Table.Td style={NUMERIC}>
                    <Freshness row={row} now={now} notCurrent={notCurrent} />
                  </Table.Td>
                  <Table.Td>
                    <CloseButton
                      size="sm"
                      aria-label={`Remove ${row.asset}`}
                      title={`Stop tracking ${row.asset}`}
                      disabled={!canRemove}
                      onClick={() => onRemove(row.asset)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
      {footnote !== null && (
        <Text size="xs" c="dimmed" mt={-8}>
          {footnote}
        </Text>
      )}
    </>
  );
}
