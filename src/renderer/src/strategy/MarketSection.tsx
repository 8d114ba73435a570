import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { ExchangeId } from '../../../shared/settings';
import { EXCHANGE_NAMES, EXCHANGES } from '../../../shared/settings';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

const SOURCES = [
  { value: 'demo', label: 'Demo market' },
  { value: 'live', label: 'Live public data' },
] as const;

export function MarketSection({ draft, edit, errors }: SectionProps) {
  const { market } = draft;
  return (
    <Section title="Market" intro="Where prices come from. Live public data needs no API keys.">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <LabeledSegments
          label="Market data source"
          value={market.source}
          data={SOURCES}
          onChange={(source) =>
            edit((d) => {
              d.market.source = source;
            })
          }
        />
        <NativeSelect
          label="Exchange"
          description={market.source === 'demo' ? 'Used when the source is live.' : undefined}
          value={market.exchange}
          data={EXCHANGES.map((id) => ({ value: id, label: EXCHANGE_NAMES[id] }))}
          onChange={(e) => {
            const exchange = e.currentTarget.value as ExchangeId;
            edit((d) => {
              d.market.exchange = exchange;
            });
          }}
          error={errors['market.exchange']}
        />
        <DraftNumberInput
          label="Refresh interval"
          description="Seconds between market refreshes, 2 to 3600."
          unit="s"
          value={market.refreshIntervalSeconds}
          error={errors['market.refreshIntervalMs']}
          onChange={(text) =>
            edit((d) => {
              d.market.refreshIntervalSeconds = text;
            })
          }
        />
      </SimpleGrid>
    </Section>
  );
}
