// What failed to load from the host, said where it is missing, with a way to ask again.
import { Alert, Button, Group, Text, type MantineSpacing } from '@mantine/core';

export interface LoadErrorAlertProps {
  /** What could not be loaded, as a heading. */
  title: string;
  message: string;
  onRetry: () => void;
  mb?: MantineSpacing;
}

export function LoadErrorAlert({ title, message, onRetry, mb }: LoadErrorAlertProps) {
  return (
    <Alert color="red" title={title} mb={mb} role="alert">
      <Group justify="space-between">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      </Group>
    </Alert>
  );
}
