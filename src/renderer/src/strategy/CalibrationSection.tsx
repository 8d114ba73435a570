// "From history" on the Strategy page: per tracked asset, the fixed thresholds beside the ones its own
// trailing year suggests, with the statistics behind them, and the switch between the two modes.
import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useEffect, useId, useState } from 'react';
import type { Calibration } from '../../../shared/market';
import type { Settings } from '../../../shared/settings';
import type { AppClient } from '../api/connection';
import { useReconnects } from '../api/use-connection';
import { useClient } from '../client-context';
import { useLiveSettings } from '../markets/use-market-data';
import { formatDate } from '../markets/time-text';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { shownError } from '../ui/shown-error';
import {
  calibrationRows,
  calibrationStatsText,
  modeSwitch,
  shortHistoryNote,
  type ThresholdMode,
} from './calibration-rows';

type Loaded = { calibration: Calibration } | { error: string };

/**
 * The asset's calibration, fetched again when the levels it depends on change, its backfill ends or
 * the connection to the host comes back.
 */
function useCalibration(client: AppClient, asset: string, dependsOn: string): Loaded | null {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const reconnects = useReconnects(client);
  const key = `${asset}|${dependsOn}|${refresh}|${reconnects}`;

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'backfill' && event.progress.asset === asset && event.progress.done) {
          setRefresh((n) => n + 1);
        }
      }),
    [client, asset],
  );

  useEffect(() => {
    let current = true;
    client.getCalibration({ asset }).then(
      (calibration) => {
        if (current) setLoaded({ key, value: { calibration } });
      },
      (e: unknown) => {
        if (current) setLoaded({ key, value: { error: shownError(e).message } });
      },
    );
    return () => {
      current = false;
    };
  }, [client, asset, key]);

  // Keep showing the previous answer while a refresh is on its way, but never another asset's.
  if (loaded === null || !loaded.key.startsWith(`${asset}|`)) return null;
  return loaded.value;
}

function CalibrationPanel({
  asset,
  mode,
  dependsOn,
}: {
  asset: string;
  mode: ThresholdMode;
  dependsOn: string;
}) {
  const client = useClient();
  const id = useId();
  const loaded = useCalibration(client, asset, dependsOn);
  const inUse = (column: ThresholdMode) =>
    mode === column ? (
      <Badge size="xs" variant="light" ml={6}>
        in use
      </Badge>
    ) : null;

  return (
    <Paper component="section" aria-labelledby={id} withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5" id={id}>
          {asset}
        </Title>
        {loaded === null && <Loader size="sm" aria-label={`Loading ${asset}'s calibration`} />}
        {loaded !== null && 'error' in loaded && (
          <Text size="sm" c="red" role="alert">
            {loaded.error}
          </Text>
        )}
        {loaded !== null && 'calibration' in loaded && (
          <>
            <Table
              withTableBorder
              verticalSpacing={4}
              fz="sm"
              aria-label={`${asset}: fixed levels and levels from history`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Level</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Fixed{inUse('fixed')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    From history{inUse('history')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {calibrationRows(loaded.calibration).map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Th scope="row" fw={500}>
                      {row.label}
                    </Table.Th>
                    <Table.Td style={{ textAlign: 'right' }}>{row.fixed}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {row.fromHistory === '—' ? (
                        <span title="Not enough history">
                          <span aria-hidden>—</span>
                          <VisuallyHidden>Not enough history</VisuallyHidden>
                        </span>
                      ) : (
                        row.fromHistory
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {loaded.calibration.stats && (
              <Text size="xs" c="dimmed">
                {calibrationStatsText(loaded.calibration.stats, (ms) => formatDate(ms))}
              </Text>
            )}
            {shortHistoryNote(loaded.calibration) !== null && (
              <Text size="sm" c={mode === 'history' ? 'orange' : 'dimmed'}>
                {shortHistoryNote(loaded.calibration)}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function dependencyKey(settings: Settings): string {
  const { fixed, historyK } = settings.thresholds;
  return JSON.stringify([fixed, historyK, settings.signal]);
}

export function CalibrationSection() {
  const client = useClient();
  const { settings, error, accept, retry } = useLiveSettings(client);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const switchMode = useCallback(
    async (patch: ReturnType<typeof modeSwitch>['patch']) => {
      setBusy(true);
      setRefusal(null);
      try {
        accept(await client.updateSettings(patch));
      } catch (e) {
        setRefusal(shownError(e).message);
      } finally {
        setBusy(false);
      }
    },
    [client, accept],
  );

  return (
    <Section
      title="Thresholds from history"
      intro="Each asset's own trailing year of signal premiums suggests levels of its own: mean ± k standard deviations, with the multiples set above. Compare them with the fixed levels before switching."
    >
      {error !== null && (
        <LoadErrorAlert title="Settings could not be loaded" message={error} onRetry={retry} />
      )}
      {settings !== null && (
        <>
          <Group gap="sm" align="center">
            <Text size="sm">
              In use now:{' '}
              <strong>
                {settings.thresholds.mode === 'fixed'
                  ? 'the fixed levels, for every asset'
                  : "each asset's levels from its own history"}
              </strong>
            </Text>
            <Button
              size="xs"
              variant="light"
              loading={busy}
              onClick={() => void switchMode(modeSwitch(settings.thresholds.mode).patch)}
            >
              {modeSwitch(settings.thresholds.mode).label}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            This switch is saved at once.
          </Text>
          {refusal !== null && (
            <Text size="sm" c="red" role="alert">
              Not switched: {refusal}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {settings.assets.tracked.map((asset) => (
              <CalibrationPanel
                key={asset}
                asset={asset}
                mode={settings.thresholds.mode}
                dependsOn={dependencyKey(settings)}
              />
            ))}
          </SimpleGrid>
        </>
      )}
    </Section>
  );
}
