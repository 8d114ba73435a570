// The home page: what the portfolio is worth and how it moved, its buckets against their targets, what
// each asset's regime asks for, how fresh the figures are, and what needs the user's attention.
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  useMatches,
} from '@mantine/core';
import type { Ref } from 'react';
import { notCurrentReason } from '../api/connection';
import { useConnection } from '../api/use-connection';
import { useClient } from '../client-context';
import { formatWeight } from '../calculator/bucket-chart';
import { NotCurrentBadge } from '../markets/NotCurrentBadge';
import { useLiveSettings, useNow } from '../markets/use-market-data';
import { usePortfolio } from '../portfolio/use-portfolio';
import { formatUsdt } from '../portfolio/value-text';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { SingleActionsMenu } from '../rebalance/SingleActions';
import { RegimeBadge } from '../ui/RegimeBadge';
import { Section } from '../ui/Section';
import {
  assetRows,
  bucketBars,
  freshnessText,
  noWeightsReason,
  warningItems,
  type BucketBar,
} from './dashboard-view';
import { DriftBar } from './DriftBar';
import { ValueHistory } from './ValueHistory';
import { WideTable } from '../ui/WideTable';

export function DashboardPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const portfolio = usePortfolio(client);
  const host = useConnection(client);
  const { settings } = useLiveSettings(client);
  const now = useNow(5_000);
  const { view } = portfolio;
  const hostNotCurrent = notCurrentReason(host, portfolio.heardAt);
  // Beside the value on a wide window the actions line up on the right; wrapped under it on a
  // phone, on the left like everything else.
  const actionsAlign = useMatches(
    { base: 'flex-start', sm: 'flex-end' },
    { getInitialValueInEffect: false },
  );

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Dashboard
        </Title>
        <Text c="dimmed" size="sm">
          What your portfolio is worth, how it splits into the three buckets, and what the market
          asks of each asset.
        </Text>
      </div>
      {view?.demo && (
        <Alert color="grape" title="Demo portfolio" role="status" data-testid="demo-note">
          This is the demo portfolio on the built-in exchange simulator: no real money is shown or
          moved. Add an exchange account on the Accounts page to see your own.
        </Alert>
      )}
      {portfolio.error !== null && (
        <LoadErrorAlert
          title="The portfolio could not be loaded"
          message={portfolio.error}
          onRetry={portfolio.retry}
        />
      )}
      {portfolio.loading && view === null && portfolio.error === null && (
        <Center py="xl">
          <Loader aria-label="Loading the portfolio" />
        </Center>
      )}
      {view && (
        <>
          <Paper withBorder p="md" radius="md" component="section" aria-label="Portfolio value">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  Total value
                </Text>
                <Group gap="xs">
                  <Text fz={32} fw={700} lh={1.1} data-testid="total-value">
                    {formatUsdt(view.buckets.value)}
                  </Text>
                  {hostNotCurrent !== null && <NotCurrentBadge reason={hostNotCurrent} />}
                </Group>
                <Freshness label="Prices" what="prices" freshness={view.prices} now={now} />
                <Freshness
                  label="Holdings"
                  what="holdings"
                  freshness={view.holdingsFreshness}
                  now={now}
                />
              </Stack>
              <Stack gap="xs" align={actionsAlign}>
                <Button onClick={portfolio.sync} loading={portfolio.syncing}>
                  Sync now
                </Button>
                <Text size="sm" role="status" data-testid="rebalance-state">
                  {view.buckets.rebalanceDue ? (
                    <Badge color="orange" variant="filled" size="lg" tt="none">
                      Rebalance due
                    </Badge>
                  ) : (
                    'Within the drift band: no rebalance due'
                  )}
                </Text>
              </Stack>
            </Group>
            {portfolio.syncError !== null && (
              <Alert color="red" title="Holdings were not synced" role="alert" mt="sm">
                {portfolio.syncError}
              </Alert>
            )}
          </Paper>
          <Warnings view={view} />
          <Section title="Value over time">
            <ValueHistory />
          </Section>
          <Section
            title="Buckets"
            intro="Each bucket’s share of the portfolio now (bar) against its target (line), with the drift band shaded."
          >
            <BucketsNow view={view} />
          </Section>
          <Section
            title="Assets"
            intro="Each tracked asset’s regime and its shares of the portfolio."
          >
            <AssetsTable view={view} extremeAction={settings?.policy.extremeAction ?? 'hedge'} />
          </Section>
        </>
      )}
    </Stack>
  );
}

type View = NonNullable<ReturnType<typeof usePortfolio>['view']>;

function Freshness({
  label,
  what,
  freshness,
  now,
}: {
  label: string;
  what: string;
  freshness: View['prices'];
  now: number;
}) {
  const shown = freshnessText(what, freshness, now);
  return (
    <Group gap="xs" data-testid={`${what}-freshness`}>
      <Text size="sm">
        {label}: {shown.text}
      </Text>
      {shown.notCurrent !== null && <NotCurrentBadge reason={shown.notCurrent} />}
    </Group>
  );
}

function Warnings({ view }: { view: View }) {
  const items = warningItems(view.buckets.warnings);
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Warnings">
      {items.map((item) => (
        <Alert
          key={item.key}
          color={item.serious ? 'red' : 'yellow'}
          title={item.title}
          role={item.serious ? 'alert' : 'status'}
        >
          {item.message}
        </Alert>
      ))}
    </Stack>
  );
}

function BucketsNow({ view }: { view: View }) {
  const reason = noWeightsReason(view.buckets);
  const bars = bucketBars(view.buckets);
  return (
    <Stack gap="sm">
      {reason !== null && (
        <Text size="sm" role="status" data-testid="no-weights">
          No weights: {reason}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        Drift band ±{formatWeight(view.buckets.driftBand)}. Stablecoins:{' '}
        {formatUsdt(view.buckets.stable)}.
      </Text>
      {bars.map((bar) => (
        <DriftBar key={bar.bucket} bar={reason === null ? bar : withoutShare(bar)} />
      ))}
    </Stack>
  );
}

/** When V ≤ 0 no share is shown, only the target. */
function withoutShare(bar: BucketBar): BucketBar {
  return bar.current === null ? bar : { ...bar, current: null, beyondBand: false };
}

function AssetsTable({ view, extremeAction }: { view: View; extremeAction: 'hedge' | 'sell' }) {
  const rows = assetRows(view.buckets, extremeAction);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No tracked assets.
      </Text>
    );
  }
  return (
    <WideTable minWidth={720} label="Assets against their targets">
      <Table aria-label="Assets against their targets" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Asset</Table.Th>
            <Table.Th scope="col">Regime asks</Table.Th>
            <Table.Th scope="col">Spot: now vs target</Table.Th>
            <Table.Th scope="col">Hedged: now vs target</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.asset} data-testid={`asset-${row.asset}`}>
              <Table.Th scope="row">
                <Group gap="xs">
                  <Text fw={600}>{row.asset}</Text>
                  {row.nakedShort && (
                    <Badge color="red" size="sm">
                      Naked short
                    </Badge>
                  )}
                </Group>
              </Table.Th>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  {row.regime ? (
                    <RegimeBadge regime={row.regime} size="sm" />
                  ) : (
                    <Text size="sm">No regime yet</Text>
                  )}
                  {row.ask && <Text size="sm">{row.ask}</Text>}
                </Stack>
              </Table.Td>
              <Table.Td>
                <SharePair bar={row.spot} />
              </Table.Td>
              <Table.Td>
                <SharePair bar={row.hedged} />
              </Table.Td>
              <Table.Td>
                <SingleActionsMenu asset={row.asset} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function SharePair({ bar }: { bar: BucketBar }) {
  return (
    <SimpleGrid cols={1} spacing={2}>
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }} aria-hidden>
        {bar.current === null ? '—' : formatWeight(bar.current)} / {formatWeight(bar.target)}
      </Text>
      <DriftBar bar={bar} compact />
    </SimpleGrid>
  );
}
