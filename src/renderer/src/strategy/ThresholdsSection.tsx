import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';
import type { HistoryKKey, ThresholdKey } from './settings-draft';

const LEVELS: { key: ThresholdKey; label: string; description: string }[] = [
  {
    key: 'deepBelow',
    label: 'Deep backwardation below',
    description: 'A premium under this is deep backwardation.',
  },
  {
    key: 'moderateFrom',
    label: 'Moderate contango from',
    description: 'From this level up, moderate contango.',
  },
  {
    key: 'extremeAbove',
    label: 'Extreme contango above',
    description: 'A premium over this is extreme contango.',
  },
  {
    key: 'extremeExit',
    label: 'Leave extreme contango below',
    description: 'Once extreme, the regime holds until the premium falls under this.',
  },
];

const MULTIPLES: { key: HistoryKKey; label: string; description: string }[] = [
  { key: 'deep', label: 'Deep backwardation multiple', description: 'Level = mean − k × σ' },
  { key: 'moderate', label: 'Moderate contango multiple', description: 'Level = mean + k × σ' },
  { key: 'extreme', label: 'Extreme contango multiple', description: 'Level = mean + k × σ' },
];

const MODES = [
  { value: 'fixed', label: 'Fixed' },
  { value: 'history', label: 'From history' },
] as const;

export function ThresholdsSection({ draft, edit, errors }: SectionProps) {
  const { thresholds } = draft;
  return (
    <Section
      title="Regime thresholds"
      intro="Annualized premium levels, in percent a year, that separate the four regimes."
    >
      <LabeledSegments
        label="Threshold mode"
        value={thresholds.mode}
        data={MODES}
        onChange={(mode) =>
          edit((d) => {
            d.thresholds.mode = mode;
          })
        }
        description={
          thresholds.mode === 'history'
            ? "Each asset's levels come from its own trailing year of signal premiums (mean ± k standard deviations); the fixed levels are shown beside them."
            : 'The same levels apply to every asset.'
        }
      />
      <Stack gap={4}>
        <Title order={3} size="h5">
          Fixed levels
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {LEVELS.map(({ key, label, description }) => (
            <DraftNumberInput
              key={key}
              label={label}
              description={description}
              unit="%"
              step={0.5}
              value={thresholds.fixed[key]}
              error={errors[`thresholds.fixed.${key}`]}
              onChange={(text) =>
                edit((d) => {
                  d.thresholds.fixed[key] = text;
                })
              }
            />
          ))}
        </SimpleGrid>
      </Stack>
      <Stack gap={4}>
        <Title order={3} size="h5">
          History multiples (k)
        </Title>
        <Text size="xs" c="dimmed">
          Used in history mode: standard deviations of the trailing year from its mean.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {MULTIPLES.map(({ key, label, description }) => (
            <DraftNumberInput
              key={key}
              label={label}
              description={description}
              step={0.1}
              value={thresholds.historyK[key]}
              error={errors[`thresholds.historyK.${key}`]}
              onChange={(text) =>
                edit((d) => {
                  d.thresholds.historyK[key] = text;
                })
              }
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
