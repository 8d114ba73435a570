import { SimpleGrid, TextInput } from '@mantine/core';
import { DEFAULT_STABLECOINS } from '../../../shared/portfolio';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

/** How often holdings are synced, which coins count as stablecoins, and when the key vault locks itself. */
export function HoldingsSettingsSection({ draft, edit, errors }: SectionProps) {
  const { portfolio, vault } = draft;
  const stableError = Object.entries(errors).find(([path]) =>
    path.startsWith('portfolio.extraStablecoins'),
  )?.[1];
  return (
    <Section
      title="Holdings and keys"
      intro="How often your accounts are read, what counts as a stablecoin, and when the key vault locks itself."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DraftNumberInput
          label="Holdings sync interval"
          description="Seconds between holdings syncs, 10 to 86400."
          unit="s"
          value={portfolio.holdingsIntervalSeconds}
          error={errors['portfolio.holdingsIntervalMs']}
          onChange={(text) =>
            edit((d) => {
              d.portfolio.holdingsIntervalSeconds = text;
            })
          }
        />
        <TextInput
          label="Extra stablecoins"
          description={`Beyond ${DEFAULT_STABLECOINS.join(', ')}; separate with commas.`}
          value={portfolio.extraStablecoins}
          error={stableError}
          onChange={(e) => {
            const text = e.currentTarget.value;
            edit((d) => {
              d.portfolio.extraStablecoins = text;
            });
          }}
        />
        <DraftNumberInput
          label="Lock the vault after"
          description="Minutes without use, 1 to 1440."
          unit="min"
          value={vault.autoLockMinutes}
          error={errors['vault.autoLockMinutes']}
          onChange={(text) =>
            edit((d) => {
              d.vault.autoLockMinutes = text;
            })
          }
        />
      </SimpleGrid>
    </Section>
  );
}
