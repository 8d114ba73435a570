import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { BasisMethod, SignalSource } from '../../../shared/strategy';
import { SIGNAL_SOURCE_LABELS, SIGNAL_SOURCES } from '../../../shared/strategy';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

const METHODS = [
  { value: 'simple', label: 'Simple' },
  { value: 'compound', label: 'Compound' },
] as const;

export function SignalSection({ draft, edit, errors }: SectionProps) {
  const { signal } = draft;
  return (
    <Section
      title="Signal"
      intro="Which annualized premium sets an asset's regime, and how it is measured."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label="Signal source"
          description="Auto takes the nearest dated future where the venue lists one, else averaged funding."
          value={signal.source}
          data={SIGNAL_SOURCES.map((s) => ({ value: s, label: SIGNAL_SOURCE_LABELS[s] }))}
          onChange={(e) => {
            const source = e.currentTarget.value as SignalSource;
            edit((d) => {
              d.signal.source = source;
            });
          }}
          error={errors['signal.source']}
        />
        <LabeledSegments<BasisMethod>
          label="Basis method"
          description="How a dated future's basis is annualized (ACT/365)."
          value={signal.basisMethod}
          data={METHODS}
          onChange={(method) =>
            edit((d) => {
              d.signal.basisMethod = method;
            })
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DraftNumberInput
          label="Funding averaging window"
          description="Days of funding averaged, 1 to 90."
          unit="days"
          value={signal.averagingWindowDays}
          error={errors['signal.averagingWindowDays']}
          onChange={(text) =>
            edit((d) => {
              d.signal.averagingWindowDays = text;
            })
          }
        />
        <DraftNumberInput
          label="Minimum days to expiry"
          description="Nearer expiries leave the signal, 0 to 60."
          unit="days"
          value={signal.minDaysToExpiry}
          error={errors['signal.minDaysToExpiry']}
          onChange={(text) =>
            edit((d) => {
              d.signal.minDaysToExpiry = text;
            })
          }
        />
        <DraftNumberInput
          label="Constant maturity"
          description="Interpolated between expiries, 7 to 365."
          unit="days"
          value={signal.constantMaturityDays}
          error={errors['signal.constantMaturityDays']}
          onChange={(text) =>
            edit((d) => {
              d.signal.constantMaturityDays = text;
            })
          }
        />
      </SimpleGrid>
    </Section>
  );
}
