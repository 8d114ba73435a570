// An asset's term structure: the curve now against 1 and 7 days ago, the thresholds, a warning when
// funding and basis disagree, and the figures per contract. An asset with a perpetual and no dated
// future has no curve to draw, which is said in a sentence instead of an empty axis.
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatPercent } from '../../../core/format';
import type { AssetSnapshot, PastTermCurve } from '../../../shared/market';
import type { Thresholds } from '../../../shared/strategy';
import { useClient } from '../client-context';
import { shownError } from '../ui/shown-error';
import { signDisagreement } from './term-structure-rows';
import { TermStructureChart } from './TermStructureChart';
import { TermStructureTable } from './TermStructureTable';

export interface TermStructureProps {
  asset: string;
  snapshot: AssetSnapshot | null;
  thresholds: Thresholds | null;
}

type Past = { asset: string; curves: PastTermCurve[] } | { asset: string; error: string };

export function TermStructure({ asset, snapshot, thresholds }: TermStructureProps) {
  const client = useClient();
  const [past, setPast] = useState<Past | null>(null);
  useEffect(() => {
    let current = true;
    client.getPastTermStructures({ asset }).then(
      (found) => {
        if (current) setPast({ asset, curves: found.curves });
      },
      (e: unknown) => {
        if (current) setPast({ asset, error: shownError(e).message });
      },
    );
    return () => {
      current = false;
    };
  }, [client, asset]);
  const mine = past?.asset === asset ? past : null;
  const curves = mine && 'curves' in mine ? mine.curves : [];
  const pastError = mine && 'error' in mine ? mine.error : null;
  const warning = snapshot ? signDisagreement(snapshot) : null;
  const perpOnly = snapshot !== null && snapshot.futures.length === 0;

  return (
    <Stack gap={6}>
      <Title order={3} size="h4">
        Term structure
      </Title>
      {!snapshot ? (
        <Text size="sm" c="dimmed">
          No market data for {asset} yet.
        </Text>
      ) : perpOnly ? (
        <Text size="sm">
          {asset} has no dated futures on this venue, so there is no curve to draw: its premium is
          the perpetual&apos;s funding
          {snapshot.perp ? `, ${formatPercent(snapshot.perp.annualized)} a year now` : ''}. The
          funding figures are below.
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            Annualized premium against days to expiry: the perpetual&apos;s funding at day 0, each
            dated future at its expiry, with the curve 1 and 7 days ago and the regime thresholds.
          </Text>
          {warning !== null && (
            <Alert color="yellow" title="Funding and basis disagree">
              <Text size="sm">{warning}</Text>
            </Alert>
          )}
          <TermStructureChart asset={snapshot} thresholds={thresholds} past={curves} />
          {pastError !== null && (
            <Text size="xs" c="dimmed">
              Past curves could not be read: {pastError}
            </Text>
          )}
        </>
      )}
      {snapshot && <TermStructureTable asset={snapshot} />}
    </Stack>
  );
}
