// Said above a wide table on a narrow window, so a sideways scroll is never hidden.
import { Text } from '@mantine/core';

export function ScrollCue() {
  return (
    <Text size="xs" c="dimmed" hiddenFrom="md">
      Wide table: scroll it sideways to see every column.
    </Text>
  );
}
