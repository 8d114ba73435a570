// The header's alert indicator: how many standing alerts are unacknowledged, opening the Alerts page.
import { Badge, Button } from '@mantine/core';
import type { AppClient } from '../api/connection';
import { indicatorLabel, unacknowledgedCount } from './alerts-view';
import { useAlerts } from './use-alerts';

export function AlertIndicator({ client, onOpen }: { client: AppClient; onOpen: () => void }) {
  const { view } = useAlerts(client);
  const count = unacknowledgedCount(view);
  return (
    <Button
      variant={count > 0 ? 'light' : 'subtle'}
      color={count > 0 ? 'orange' : 'gray'}
      size="compact-sm"
      onClick={onOpen}
      aria-label={indicatorLabel(count)}
      rightSection={
        count > 0 ? (
          <Badge size="sm" color="orange" variant="filled" circle aria-hidden>
            {count}
          </Badge>
        ) : undefined
      }
    >
      Alerts
    </Button>
  );
}
