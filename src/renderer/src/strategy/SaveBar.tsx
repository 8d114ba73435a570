// The Strategy page's footer: whether there are unsaved edits, what the last save did, and the actions.
import { Badge, Box, Button, Group, Modal, Paper, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saved'; message: string } | { kind: 'refused'; message: string };

export interface SaveBarProps {
  dirty: boolean;
  busy: boolean;
  status: SaveStatus;
  onSave: () => void;
  onDiscard: () => void;
  onReset: () => void;
}

export function SaveBar({ dirty, busy, status, onSave, onDiscard, onReset }: SaveBarProps) {
  const [confirming, { open, close }] = useDisclosure(false);
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      radius="md"
      // Sticky only where there is room for it; on a phone it would cover much of the form.
      pos={{ base: 'static', sm: 'sticky' }}
      // Pinned under the header, so Save stays in reach however far down the form the user is.
      top="calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-xs))"
      style={{ zIndex: 5 }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          {dirty ? (
            <Badge color="yellow" variant="light" size="lg">
              Unsaved changes
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              No unsaved changes
            </Text>
          )}
          <Box role="status" aria-live="polite">
            {status.kind === 'saved' && (
              <Text size="sm" c="teal" fw={500}>
                {status.message}
              </Text>
            )}
          </Box>
          {status.kind === 'refused' && (
            <Text size="sm" c="red" fw={500} role="alert">
              {status.message}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="subtle" color="gray" onClick={open} disabled={busy}>
            Reset to defaults
          </Button>
          <Button variant="default" onClick={onDiscard} disabled={!dirty || busy}>
            Discard changes
          </Button>
          <Button onClick={onSave} disabled={!dirty} loading={busy}>
            Save
          </Button>
        </Group>
      </Group>
      <Modal
        opened={confirming}
        onClose={close}
        title="Reset every setting to its default?"
        centered
      >
        <Text size="sm" mb="md">
          Thresholds, policy, signal, assets, rebalancing and market settings all return to their
          defaults. This cannot be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => {
              close();
              onReset();
            }}
          >
            Reset settings
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
