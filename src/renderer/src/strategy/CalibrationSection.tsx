// "From history" on the Strategy page: per tracked asset, the fixed thresholds beside the ones its own
// trailing year suggests with the multiples as edited, the statistics behind them, and the form's
// switch between the two modes (saved with the rest of the page).
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
import { useId } from 'react';
import type { Settings } from '../../../shared/settings';
import type { HistoryK, Thresholds } from '../../../shared/strategy';
import { formatDate } from '../markets/time-text';
import { Section } from '../ui/Section';
import { levelsFromHistory } from './asset-levels';
import {
  calibrationRows,
  calibrationStatsText,
  modeSwitch,
  shortHistoryNote,
  type ThresholdMode,
} from './calibration-rows';
import type { EditDraft } from './draft-editing';
import type { SettingsDraft } from './settings-draft';
import type { CalibrationLoad, Calibrations } from './use-calibrations';

function CalibrationPanel({
  asset,
  load,
  mode,
  fixed,
  historyK,
}: {
  asset: string;
  load: CalibrationLoad | undefined;
  mode: ThresholdMode;
  fixed: Thresholds | null;
  historyK: HistoryK | null;
}) {
  const id = useId();
  const inUse = (column: ThresholdMode) =>
    mode === column ? (
      <Badge size="xs" variant="light" ml={6}>
        in use
      </Badge>
    ) : null;
  const calibration = load !== undefined && 'calibration' in load ? load.calibration : null;
  const fromHistory = calibration ? levelsFromHistory(calibration, historyK) : null;

  return (
    <Paper component="section" aria-labelledby={id} withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5" id={id}>
          {asset}
        </Title>
        {load === undefined && <Loader size="sm" aria-label={`Loading ${asset}'s calibration`} />}
        {load !== undefined && 'error' in load && (
          <Text size="sm" c="red" role="alert">
            {load.error}
          </Text>
        )}
        {calibration !== null && (
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
                {calibrationRows(fixed ?? calibration.fixed, fromHistory).map((row) => (
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
            {calibration.stats && (
              <Text size="xs" c="dimmed">
                {calibrationStatsText(calibration.stats, (ms) => formatDate(ms))}
              </Text>
            )}
            {shortHistoryNote(calibration) !== null && (
              <Text size="sm" c={mode === 'history' ? 'orange' : 'dimmed'}>
                {shortHistoryNote(calibration)}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

const MODE_TEXT: Record<ThresholdMode, string> = {
  fixed: 'the fixed levels, for every asset',
  history: "each asset's levels from its own history",
};

export interface CalibrationSectionProps {
  draft: SettingsDraft;
  edit: EditDraft;
  saved: Settings;
  calibrations: Calibrations;
  /** The form's fixed levels and multiples, or null while they are not usable. */
  fixed: Thresholds | null;
  historyK: HistoryK | null;
}

export function CalibrationSection({
  draft,
  edit,
  saved,
  calibrations,
  fixed,
  historyK,
}: CalibrationSectionProps) {
  const mode = draft.thresholds.mode;
  const savedMode = saved.thresholds.mode;
  const toggle = modeSwitch(mode);
  return (
    <Section
      title="Thresholds from history"
      intro="Each asset's own trailing year of signal premiums suggests levels of its own: mean ± k standard deviations, with the multiples set above. Compare them with the fixed levels before switching."
    >
      <Group gap="sm" align="center">
        <Text size="sm">
          In use now: <strong>{MODE_TEXT[savedMode]}</strong>
          {mode !== savedMode && (
            <>
              {'; once saved: '}
              <strong>{MODE_TEXT[mode]}</strong>
            </>
          )}
        </Text>
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            edit((d) => {
              d.thresholds.mode = toggle.next;
            })
          }
        >
          {toggle.label}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Like every setting on this page, the mode takes effect when you save.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {saved.assets.tracked.map((asset) => (
          <CalibrationPanel
            key={asset}
            asset={asset}
            load={calibrations[asset]}
            mode={mode}
            fixed={fixed}
            historyK={historyK}
          />
        ))}
      </SimpleGrid>
    </Section>
  );
}
