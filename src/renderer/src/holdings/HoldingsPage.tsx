// What is held where: every account's wallets and positions and the manual holdings, as one table the
// user groups, filters, sorts and exports, and the coins the strategy does not track yet.
import { Button, Center, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState, type Ref } from 'react';
import type { ManualHolding } from '../../../shared/portfolio';
import { useClient } from '../client-context';
import { useLiveSettings } from '../markets/use-market-data';
import { useTrackedAssets } from '../markets/use-tracked-assets';
import { usePortfolio } from '../portfolio/use-portfolio';
import { formatCsv } from '../../../core';
import { downloadText } from '../ui/download';
import { LabeledSegments } from '../ui/LabeledSegments';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import {
  DEFAULT_SORT,
  filterRows,
  groupRows,
  holdingRows,
  holdingsCsvRows,
  nextSort,
  sortRows,
  type Grouping,
  type HoldingColumn,
} from './holdings-rows';
import { HoldingsTable } from './HoldingsTable';
import { ManualHoldings } from './ManualHoldings';
import { positionRows } from './positions';
import { PositionsTable } from './PositionsTable';
import { UntrackedHoldings } from './UntrackedHoldings';

const GROUPINGS = [
  { value: 'source', label: 'By account' },
  { value: 'asset', label: 'By asset' },
] as const;

export function HoldingsPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const portfolio = usePortfolio(client);
  const live = useLiveSettings(client);
  const editor = useTrackedAssets(client, live.settings, live.accept);
  const [grouping, setGrouping] = useState<Grouping>('source');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState(DEFAULT_SORT);
  const { view, accept } = portfolio;

  const onManualList = useCallback(
    (manual: ManualHolding[]) => {
      if (view) accept({ ...view, manual });
    },
    [view, accept],
  );

  const rows = view ? sortRows(filterRows(holdingRows(view), filter), sort) : [];
  const onSort = (column: HoldingColumn) => setSort((s) => nextSort(s, column));
  const exportTable = () => downloadText('premia-holdings.csv', formatCsv(holdingsCsvRows(rows)));

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Holdings
        </Title>
        <Text c="dimmed" size="sm">
          Every coin in your exchange accounts and the holdings you keep elsewhere.
        </Text>
      </div>
      {portfolio.error !== null && (
        <LoadErrorAlert
          title="Holdings could not be loaded"
          message={portfolio.error}
          onRetry={portfolio.retry}
        />
      )}
      {portfolio.loading && view === null && portfolio.error === null && (
        <Center py="xl">
          <Loader aria-label="Loading holdings" />
        </Center>
      )}
      {view && (
        <>
          <Section title="Wallets">
            <Group align="flex-end" gap="md" wrap="wrap">
              <LabeledSegments<Grouping>
                label="Group"
                value={grouping}
                data={GROUPINGS}
                onChange={setGrouping}
              />
              <TextInput
                label="Filter"
                placeholder="Asset, account or wallet"
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                miw={200}
              />
              <Button variant="default" onClick={exportTable} disabled={rows.length === 0}>
                Export table CSV
              </Button>
              <Button onClick={portfolio.sync} loading={portfolio.syncing}>
                Sync now
              </Button>
            </Group>
            {portfolio.syncError !== null && (
              <Text c="red" size="sm" role="alert">
                Holdings were not synced: {portfolio.syncError}
              </Text>
            )}
            <Text size="sm" role="status" c="dimmed">
              {rows.length === 0
                ? filter.trim() === ''
                  ? 'Nothing held yet.'
                  : `No holding matches “${filter.trim()}”.`
                : `${rows.length} ${rows.length === 1 ? 'holding' : 'holdings'} shown.`}
            </Text>
            {rows.length > 0 && (
              <HoldingsTable groups={groupRows(rows, grouping)} sort={sort} onSort={onSort} />
            )}
          </Section>
          <Section title="Futures positions">
            <PositionsTable rows={positionRows(view)} />
          </Section>
          <Section
            title="Not in the strategy"
            intro="Coins you hold that the strategy does not track: they count in no bucket until tracked."
          >
            <UntrackedHoldings
              untracked={view.buckets.untracked}
              editor={editor}
              canTrack={live.settings !== null}
            />
          </Section>
          <Section
            title="Manual holdings"
            intro="Coins kept where Premia does not connect. A CSV file has the columns asset, amount, where, note, with that header line."
          >
            <ManualHoldings holdings={view.manual} onList={onManualList} />
          </Section>
        </>
      )}
    </Stack>
  );
}
