import { SimpleGrid, Switch } from '@mantine/core';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

export function RebalancingSection({ draft, edit, errors }: SectionProps) {
  const { rebalance } = draft;
  return (
    <Section
      title="Rebalancing"
      intro="When a rebalance is due, and the limits every plan must respect."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DraftNumberInput
          label="Drift band"
          description="Bucket drift that calls a rebalance, 0% to 50%."
          unit="%"
          step={0.5}
          value={rebalance.driftBand}
          error={errors['rebalance.driftBand']}
          onChange={(text) =>
            edit((d) => {
              d.rebalance.driftBand = text;
            })
          }
        />
        <DraftNumberInput
          label="Slippage limit"
          description="Orders that would slip more are refused, 0% to 5%."
          unit="%"
          step={0.1}
          value={rebalance.slippageLimit}
          error={errors['rebalance.slippageLimit']}
          onChange={(text) =>
            edit((d) => {
              d.rebalance.slippageLimit = text;
            })
          }
        />
        <DraftNumberInput
          label="Leverage cap"
          description="Highest leverage of a short leg, 1× to 10×."
          step={0.5}
          value={rebalance.leverageCap}
          error={errors['rebalance.leverageCap']}
          onChange={(text) =>
            edit((d) => {
              d.rebalance.leverageCap = text;
            })
          }
        />
        <DraftNumberInput
          label="Holding horizon"
          description="Days a perpetual hedge's carry is counted over, 1 to 365."
          unit="days"
          value={rebalance.holdingDays}
          error={errors['rebalance.holdingDays']}
          onChange={(text) =>
            edit((d) => {
              d.rebalance.holdingDays = text;
            })
          }
        />
        <DraftNumberInput
          label="Plan lifetime"
          description="Seconds a plan may be executed after it was made, 15 to 3,600."
          unit="s"
          step={15}
          value={rebalance.planTtlSeconds}
          error={errors['rebalance.planTtlSeconds']}
          onChange={(text) =>
            edit((d) => {
              d.rebalance.planTtlSeconds = text;
            })
          }
        />
        <Switch
          label="Convert stablecoins"
          description="Let a plan trade other stablecoins into the margin coin when it needs more."
          checked={rebalance.convertStablecoins}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            edit((d) => {
              d.rebalance.convertStablecoins = checked;
            });
          }}
          mt="xs"
        />
      </SimpleGrid>
    </Section>
  );
}
