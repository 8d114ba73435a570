import { SimpleGrid } from '@mantine/core';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

export function ExecutionSection({ draft, edit, errors }: SectionProps) {
  const { execution } = draft;
  return (
    <Section
      title="Execution"
      intro="How long the second leg of a basis trade or hedge may take, and how many orders it may use, before the first leg is undone so no exposure is left unhedged."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DraftNumberInput
          label="Second leg time limit"
          description="Seconds the second leg may take, 1 to 120."
          unit="s"
          step={1}
          value={execution.secondLegTimeoutSeconds}
          error={errors['execution.secondLegTimeoutSeconds']}
          onChange={(text) =>
            edit((d) => {
              d.execution.secondLegTimeoutSeconds = text;
            })
          }
        />
        <DraftNumberInput
          label="Second leg attempts"
          description="Orders the second leg may send, 1 to 10."
          step={1}
          value={execution.secondLegAttempts}
          error={errors['execution.secondLegAttempts']}
          onChange={(text) =>
            edit((d) => {
              d.execution.secondLegAttempts = text;
            })
          }
        />
      </SimpleGrid>
    </Section>
  );
}
