// What needs the user's attention: the standing alerts, each to acknowledge, and the cleared ones.
// In the headless host's page, the browser's notifications can be allowed here.
import { Alert as Callout, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { Ref } from 'react';
import { alertInHash } from '../../../shared/app-route';
import { useClient } from '../client-context';
import { useLiveSettings } from '../markets/use-market-data';
import { useLocationHash } from '../routing/use-hash-page';
import { useAppInfo } from '../shell/use-app-info';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { AlertCard } from './AlertCard';
import { orderedActive } from './alerts-view';
import { useAlerts } from './use-alerts';
import type { BrowserNotifications } from './use-browser-notifications';
import { useBrowserNotifications } from './use-browser-notifications';

export function AlertsPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const alerts = useAlerts(client);
  const { info } = useAppInfo(client);
  const live = useLiveSettings(client);
  const enabled = live.settings?.alerts.notifications ?? false;
  const browser = useBrowserNotifications(client, info?.host ?? null, enabled);
  const { view } = alerts;
  // A notification's click opens the page on its alert.
  const shown = alertInHash(useLocationHash());

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Alerts
        </Title>
        <Text c="dimmed" size="sm">
          Regime changes, drift, funding against a hedge, liquidation and expiry risks and stale
          data. Each is raised once and clears itself when its cause goes.
        </Text>
      </div>
      {info?.host === 'web' && <BrowserPermission browser={browser} enabled={enabled} />}
      {alerts.error !== null && (
        <LoadErrorAlert
          title="Alerts could not be loaded"
          message={alerts.error}
          onRetry={alerts.retry}
        />
      )}
      {alerts.acknowledgeError !== null && (
        <Callout color="red" title="The alert could not be acknowledged" role="alert">
          {alerts.acknowledgeError}
        </Callout>
      )}
      {alerts.loading && view === null && alerts.error === null && (
        <Center py="xl">
          <Loader aria-label="Loading alerts" />
        </Center>
      )}
      {view && (
        <>
          <Section title="Active alerts">
            {view.active.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing needs your attention.
              </Text>
            ) : (
              <Stack
                component="ul"
                gap="xs"
                p={0}
                m={0}
                aria-label="Active alerts"
                style={{ listStyle: 'none' }}
              >
                {orderedActive(view).map((a) => (
                  <AlertCard
                    key={a.id}
                    alert={a}
                    onAcknowledge={alerts.acknowledge}
                    acknowledging={alerts.acknowledging === a.id}
                    current={a.id === shown}
                  />
                ))}
              </Stack>
            )}
          </Section>
          <Section title="History" intro="Alerts whose cause has gone, newest first.">
            {view.history.length === 0 ? (
              <Text size="sm" c="dimmed">
                No alert has cleared yet.
              </Text>
            ) : (
              <Stack
                component="ul"
                gap="xs"
                p={0}
                m={0}
                aria-label="Cleared alerts"
                style={{ listStyle: 'none' }}
              >
                {view.history.map((a) => (
                  <AlertCard key={a.id} alert={a} current={a.id === shown} />
                ))}
              </Stack>
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}

function BrowserPermission({
  browser,
  enabled,
}: {
  browser: BrowserNotifications;
  enabled: boolean;
}) {
  if (browser.permission === 'unsupported') {
    return (
      <Text size="sm" c="dimmed">
        This browser cannot show notifications: alerts are shown here only.
      </Text>
    );
  }
  if (browser.permission === 'granted') {
    return (
      <Text size="sm" c="dimmed">
        {enabled
          ? 'New alerts are also shown as this browser’s notifications while this page is open.'
          : 'Notifications are turned off in the Strategy page’s Alerts section.'}
      </Text>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="light" onClick={browser.request} disabled={browser.permission === 'denied'}>
        Allow browser notifications
      </Button>
      {browser.permission === 'denied' && (
        <Text size="sm" c="dimmed">
          This browser blocks Premia’s notifications; allow them in its site settings.
        </Text>
      )}
    </Stack>
  );
}
