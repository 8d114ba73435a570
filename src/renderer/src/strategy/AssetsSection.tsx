import { SimpleGrid, TagsInput, Text } from '@mantine/core';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';
import { equalMixDraft, mixDraftAfterTrackedChange, type FieldErrors } from './settings-draft';

const MIX_MODES = [
  { value: 'equal', label: 'Equal shares' },
  { value: 'custom', label: 'Custom shares' },
] as const;

/** The first problem with the tracked list or any of its entries. */
function trackedError(errors: FieldErrors): string | undefined {
  const key = Object.keys(errors).find(
    (k) => k === 'assets.tracked' || k.startsWith('assets.tracked.'),
  );
  return key === undefined ? undefined : errors[key];
}

function normalizeTickers(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const ticker = value.trim().toUpperCase();
    if (ticker !== '' && !seen.has(ticker)) {
      seen.add(ticker);
      out.push(ticker);
    }
  }
  return out;
}

export function AssetsSection({ draft, edit, errors }: SectionProps) {
  const { assets } = draft;
  const mixError = errors['assets.mix'];
  return (
    <Section
      title="Assets"
      intro="The assets Premia tracks, and each one's share of the portfolio. Track and Remove on the Markets page are single actions saved at once (with an Undo); a change made there shows here without touching your unsaved edits."
    >
      <TagsInput
        label="Tracked assets"
        description="Tickers such as BTC; type one and press Enter or comma to add it, Backspace to remove the last."
        value={assets.tracked}
        splitChars={[',', ' ']}
        acceptValueOnBlur
        onChange={(values) => {
          const tracked = normalizeTickers(values);
          edit((d) => {
            d.assets.tracked = tracked;
            if (d.assets.mixMode === 'custom') {
              d.assets.mix = mixDraftAfterTrackedChange(tracked, d.assets.mix);
            }
          });
        }}
        error={trackedError(errors)}
      />
      <LabeledSegments
        label="Asset mix"
        description={
          assets.mixMode === 'equal'
            ? 'Every tracked asset gets the same share.'
            : 'Shares in percent of the portfolio; they must sum to 100%.'
        }
        value={assets.mixMode}
        data={MIX_MODES}
        onChange={(mode) =>
          edit((d) => {
            d.assets.mixMode = mode;
            d.assets.mix = mode === 'custom' ? equalMixDraft(d.assets.tracked) : {};
          })
        }
      />
      {assets.mixMode === 'custom' && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            {assets.tracked.map((asset) => (
              <DraftNumberInput
                key={asset}
                label={`${asset} share`}
                unit="%"
                value={assets.mix[asset] ?? ''}
                error={errors[`assets.mix.${asset}`] ?? (mixError === undefined ? undefined : true)}
                onChange={(text) =>
                  edit((d) => {
                    d.assets.mix[asset] = text;
                  })
                }
              />
            ))}
          </SimpleGrid>
          {mixError !== undefined && (
            <Text size="sm" c="red" role="alert">
              {mixError}
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
