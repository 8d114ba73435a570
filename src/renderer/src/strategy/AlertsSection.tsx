import { SimpleGrid, Switch } from '@mantine/core';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { Section } from '../ui/Section';
import type { SectionProps } from './draft-editing';

export function AlertsSection({ draft, edit, errors }: SectionProps) {
  const { alerts } = draft;
  return (
    <Section
      title="Alerts"
      intro="How close to liquidation or to delivery a position may come before an alert is raised, and whether alerts are also shown as notifications."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DraftNumberInput
          label="Liquidation distance"
          description="A short closer than this to its liquidation price raises an alert, above 0% up to 100%."
          unit="%"
          step={1}
          value={alerts.liquidationDistance}
          error={errors['alerts.liquidationDistance']}
          onChange={(text) =>
            edit((d) => {
              d.alerts.liquidationDistance = text;
            })
          }
        />
        <DraftNumberInput
          label="Days before expiry"
          description="A dated contract held this close to delivery raises an alert, 1 to 30 days."
          step={1}
          value={alerts.expiryDays}
          error={errors['alerts.expiryDays']}
          onChange={(text) =>
            edit((d) => {
              d.alerts.expiryDays = text;
            })
          }
        />
        <Switch
          label="Show notifications"
          description="Raised alerts also appear as system notifications (or the browser's, once allowed on the Alerts page)."
          checked={alerts.notifications}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            edit((d) => {
              d.alerts.notifications = checked;
            });
          }}
        />
      </SimpleGrid>
    </Section>
  );
}
