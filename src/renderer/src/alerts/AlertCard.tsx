// One alert as the Alerts page lists it: level, asset, title, message, when it was raised (and
// cleared or acknowledged), and the Acknowledge button while it stands unacknowledged.
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import type { Alert } from '../../../shared/alerts';
import { acknowledgeLabel, formatMoment, LEVEL_COLORS, LEVEL_LABELS } from './alerts-view';

export interface AlertCardProps {
  alert: Alert;
  onAcknowledge?: (id: string) => void;
  acknowledging?: boolean;
  /** The alert the URL names (a notification's click opened it): marked, and scrolled to. */
  current?: boolean;
}

export function AlertCard({
  alert,
  onAcknowledge,
  acknowledging = false,
  current = false,
}: AlertCardProps) {
  const titleId = useId();
  const ref = useRef<HTMLLIElement>(null);
  const standing = alert.clearedAt === null;
  useEffect(() => {
    if (current) ref.current?.scrollIntoView({ block: 'center' });
  }, [current]);
  return (
    <Paper
      component="li"
      ref={ref}
      withBorder
      bd={current ? '2px solid var(--mantine-primary-color-filled)' : undefined}
      aria-current={current ? 'true' : undefined}
      p="sm"
      radius="md"
      aria-labelledby={titleId}
      data-alert-kind={alert.kind}
      data-alert-id={alert.id}
      data-acknowledged={alert.acknowledgedAt !== null}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={LEVEL_COLORS[alert.level]} variant="light">
              {LEVEL_LABELS[alert.level]}
            </Badge>
            {alert.asset !== null && (
              <Badge color="gray" variant="outline">
                {alert.asset}
              </Badge>
            )}
            <Text fw={600} id={titleId}>
              {alert.title}
            </Text>
          </Group>
          <Text size="sm">{alert.message}</Text>
          <Text size="xs" c="dimmed">
            Raised {formatMoment(alert.raisedAt)}
            {alert.clearedAt !== null && ` · cleared ${formatMoment(alert.clearedAt)}`}
            {alert.acknowledgedAt !== null &&
              ` · acknowledged ${formatMoment(alert.acknowledgedAt)}`}
          </Text>
        </Stack>
        {standing && alert.acknowledgedAt === null && onAcknowledge && (
          <Button
            size="xs"
            variant="light"
            loading={acknowledging}
            onClick={() => onAcknowledge(alert.id)}
            aria-label={`${acknowledgeLabel(alert)}: ${alert.title}`}
          >
            {acknowledgeLabel(alert)}
          </Button>
        )}
        {standing && alert.acknowledgedAt !== null && (
          <Badge color="gray" variant="light">
            Acknowledged
          </Badge>
        )}
      </Group>
    </Paper>
  );
}
