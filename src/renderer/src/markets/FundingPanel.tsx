// One perpetual's funding: the rate predicted for the coming settlement, the last settled one, the
// averages of the last 7, 14 and 30 days, and every settlement of the month with its interval, in
// the unit the user picks, with the same rows as a CSV file.
import { Alert, Box, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useId, useMemo, useState } from 'react';
import type { AssetSnapshot } from '../../../shared/market';
import { DAY_MS } from '../../../shared/time';
import { useReconnects } from '../api/use-connection';
import { useClient } from '../client-context';
import { downloadText } from '../ui/download';
import { LabeledSegments } from '../ui/LabeledSegments';
import { shownError } from '../ui/shown-error';
import {
  annualizedIn,
  formatRate,
  FUNDING_PANEL_DAYS,
  FUNDING_UNITS,
  fundingAverages,
  fundingCsv,
  fundingCsvFilename,
  rateIn,
  settlementsOf,
  type FundingUnit,
  type Settlement,
} from './funding-panel';
import { formatInterval, formatMoment } from './time-text';
import { useHistoryReads } from './use-market-data';

type Loaded = { asset: string; settlements: Settlement[] } | { asset: string; error: string };

const UNIT_SUFFIX: Record<FundingUnit, string> = {
  interval: 'per interval',
  day: 'a day',
  year: 'a year',
};

export interface FundingPanelProps {
  asset: string;
  snapshot: AssetSnapshot | null;
  snapshotAt: number | null;
}

export function FundingPanel({ asset, snapshot, snapshotAt }: FundingPanelProps) {
  const client = useClient();
  const titleId = useId();
  const [unit, setUnit] = useState<FundingUnit>('interval');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, tryAgain] = useHistoryReads(client, asset);
  const reconnects = useReconnects(client);
  const perp = snapshot?.perp ?? null;
  const currentHours = perp?.fundingIntervalHours ?? 8;
  // The next settlement time moves on once one has settled: read the history again then.
  const nextFundingAt = perp?.nextFundingAt ?? null;
  const since = useEffectEvent(
    () => (snapshotAt ?? Date.now()) - (FUNDING_PANEL_DAYS + 1) * DAY_MS,
  );
  const fallback = useEffectEvent(() => currentHours);

  useEffect(() => {
    let current = true;
    client.getHistory({ asset, series: 'funding', from: since() }).then(
      (series) => {
        if (current) setLoaded({ asset, settlements: settlementsOf(series, fallback()) });
      },
      (e: unknown) => {
        if (current) setLoaded({ asset, error: shownError(e).message });
      },
    );
    return () => {
      current = false;
    };
  }, [client, asset, attempt, reconnects, nextFundingAt]);

  const result = loaded?.asset === asset ? loaded : null;
  const settlements = result && 'settlements' in result ? result.settlements : null;
  const error = result && 'error' in result ? result.error : null;
  const now = snapshotAt ?? settlements?.[0]?.at ?? null;
  const averages = useMemo(
    () => (settlements && now !== null ? fundingAverages(settlements, now) : null),
    [settlements, now],
  );
  const last = settlements?.[0] ?? null;
  const shown = (rate: number, hours: number) => formatRate(rateIn(rate, hours, unit), unit);

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={3} size="h4" id={titleId}>
            Funding
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <LabeledSegments
              label="Show rates"
              value={unit}
              data={FUNDING_UNITS}
              onChange={setUnit}
            />
            <Button
              variant="default"
              size="xs"
              disabled={!settlements || settlements.length === 0}
              onClick={() => {
                if (!settlements) return;
                downloadText(
                  fundingCsvFilename(asset, settlements[0]?.at ?? Date.now()),
                  fundingCsv(settlements),
                );
              }}
            >
              Export {asset} funding as CSV
            </Button>
          </Group>
        </Group>
        {perp === null ? (
          <Text size="sm" c="dimmed">
            {snapshot
              ? `No perpetual is listed for ${asset}, so it pays no funding.`
              : `No market data for ${asset} yet.`}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Figure
              testId="funding-predicted"
              label="Predicted for the coming settlement"
              value={`${shown(perp.fundingRate, currentHours)} ${UNIT_SUFFIX[unit]}`}
              detail={
                (perp.nextFundingAt !== null
                  ? `Settles ${formatMoment(perp.nextFundingAt)}`
                  : 'Next settlement time not published') +
                `, every ${formatInterval(currentHours)}${perp.intervalFromVenue ? '' : ' (venue default)'}`
              }
            />
            <Figure
              testId="funding-last"
              label="Last settled"
              value={last ? `${shown(last.rate, last.intervalHours)} ${UNIT_SUFFIX[unit]}` : '—'}
              detail={
                last
                  ? `Settled ${formatMoment(last.at)}, over ${formatInterval(last.intervalHours)}`
                  : settlements
                    ? 'No settlement recorded yet'
                    : 'Loading…'
              }
            />
          </SimpleGrid>
        )}
        {error !== null && (
          <Alert color="red" title="Funding history unavailable">
            <Group justify="space-between">
              <Text size="sm">{error}</Text>
              <Button size="xs" variant="light" color="red" onClick={tryAgain}>
                Try again
              </Button>
            </Group>
          </Alert>
        )}
        {averages && (
          <Table withTableBorder verticalSpacing={4} fz="sm" captionSide="top">
            <Table.Caption ta="left">{asset} average funding</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Window</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Average {UNIT_SUFFIX[unit]}
                  {unit === 'interval' && ` of ${formatInterval(currentHours)}`}
                </Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Settlements
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {averages.map((a) => (
                <Table.Tr key={a.days}>
                  <Table.Th scope="row" fw="normal">
                    {a.days} days{a.partial && a.count > 0 ? ' (history starts later)' : ''}
                  </Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {a.annualized === null
                      ? '—'
                      : formatRate(annualizedIn(a.annualized, currentHours, unit), unit)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{a.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {settlements && settlements.length > 0 && (
          <Box
            tabIndex={0}
            role="region"
            aria-label={`${asset} settlements, scrollable`}
            style={{ maxHeight: 320, overflow: 'auto' }}
          >
            <Table withTableBorder stickyHeader verticalSpacing={4} fz="sm" captionSide="top">
              <Table.Caption ta="left">
                {asset} settlements, last {FUNDING_PANEL_DAYS} days
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Settled</Table.Th>
                  <Table.Th scope="col">Interval</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Rate {UNIT_SUFFIX[unit]}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {settlements.map((s) => (
                  <Table.Tr key={s.at}>
                    <Table.Th scope="row" fw="normal">
                      {formatMoment(s.at)}
                    </Table.Th>
                    <Table.Td>{formatInterval(s.intervalHours)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {shown(s.rate, s.intervalHours)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Stack>
    </Box>
  );
}

function Figure({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail: string;
  testId: string;
}) {
  return (
    <Box data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Box>
  );
}
