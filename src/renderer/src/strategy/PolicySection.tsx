import { Fieldset, Radio, SimpleGrid, Stack, Text, Group } from '@mantine/core';
import { useId } from 'react';
import type { Bucket, ExtremeAction } from '../../../shared/strategy';
import { BUCKET_LABELS, BUCKETS } from '../../../shared/strategy';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { numberToText, parseNumberText } from '../ui/number-text';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';
import type { WeightsDraft, WeightSetId } from './settings-draft';
import { WEIGHT_SETS, weightSetPath } from './settings-draft';

const SET_LEGENDS: Record<WeightSetId, string> = {
  'deep-backwardation': 'Deep backwardation',
  neutral: 'Neutral',
  'moderate-contango': 'Moderate contango',
  'extreme-contango.hedge': 'Extreme contango, hedging',
  'extreme-contango.sell': 'Extreme contango, selling',
};

const EXTREME_ACTION_LABELS: Record<ExtremeAction, string> = {
  hedge: 'Hedge spot with a short future',
  sell: 'Sell spot into stablecoins',
};

function sumText(weights: WeightsDraft): string | null {
  let sum = 0;
  for (const bucket of BUCKETS) {
    const value = parseNumberText(weights[bucket]);
    if (value === null) return null;
    sum += value;
  }
  return `${numberToText(Number(sum.toFixed(4)))}%`;
}

function WeightSetFieldset({
  set,
  weights,
  error,
  fieldErrors,
  onChange,
  inUse,
}: {
  set: WeightSetId;
  weights: WeightsDraft;
  error: string | undefined;
  fieldErrors: Partial<Record<Bucket, string>>;
  onChange: (bucket: Bucket, text: string) => void;
  inUse: boolean;
}) {
  const messageId = useId();
  const sum = sumText(weights);
  return (
    <Fieldset
      legend={
        <Text component="span" fw={600} size="sm">
          {SET_LEGENDS[set]}
          {!inUse && (
            <Text component="span" c="dimmed" size="xs">
              {' '}
              (not in use)
            </Text>
          )}
        </Text>
      }
      aria-describedby={messageId}
      p="sm"
    >
      <Stack gap="xs">
        {BUCKETS.map((bucket) => (
          <DraftNumberInput
            key={bucket}
            label={BUCKET_LABELS[bucket]}
            unit="%"
            value={weights[bucket]}
            // The set's own problem (its sum) marks every field without repeating the message.
            error={fieldErrors[bucket] ?? (error === undefined ? undefined : true)}
            onChange={(text) => onChange(bucket, text)}
          />
        ))}
        <Text
          id={messageId}
          size="xs"
          c={error === undefined ? 'dimmed' : 'red'}
          role={error ? 'alert' : undefined}
        >
          {error ?? `Sum: ${sum ?? '—'}`}
        </Text>
      </Stack>
    </Fieldset>
  );
}

export function PolicySection({ draft, edit, errors }: SectionProps) {
  const { policy } = draft;
  return (
    <Section
      title="Allocation policy"
      intro="Target weights of each asset's slice per regime, in percent: unhedged spot, hedged spot (spot with an equal short future) and stablecoins. Each set must sum to 100%."
    >
      <Radio.Group
        label="In extreme contango"
        description="Hedging keeps the coins and shorts a future against them, earning the premium; selling moves them into stablecoins."
        value={policy.extremeAction}
        onChange={(value) =>
          edit((d) => {
            d.policy.extremeAction = value as ExtremeAction;
          })
        }
      >
        <Group mt="xs">
          {(Object.keys(EXTREME_ACTION_LABELS) as ExtremeAction[]).map((action) => (
            <Radio key={action} value={action} label={EXTREME_ACTION_LABELS[action]} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {WEIGHT_SETS.map((set) => {
          const path = weightSetPath(set);
          const fieldErrors = Object.fromEntries(
            BUCKETS.flatMap((b) => {
              const message = errors[`${path}.${b}`];
              return message === undefined ? [] : [[b, message]];
            }),
          ) as Partial<Record<Bucket, string>>;
          return (
            <WeightSetFieldset
              key={set}
              set={set}
              weights={policy.weights[set]}
              error={errors[path]}
              fieldErrors={fieldErrors}
              inUse={!set.startsWith('extreme-contango.') || set.endsWith(policy.extremeAction)}
              onChange={(bucket, text) =>
                edit((d) => {
                  d.policy.weights[set][bucket] = text;
                })
              }
            />
          );
        })}
      </SimpleGrid>
    </Section>
  );
}
