// The Strategy page's footer: whether there are unsaved edits, what the last save did, and the actions.
import { Badge, Box, Button, Group, Modal, Paper, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { forwardRef, type CSSProperties } from 'react';

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saved'; message: string } | { kind: 'refused'; message: string };

/**
 * Where the bar sits: pinned under the header on a wide window; on a phone it stays at the top of the
 * form until there is something to save, then pins to the bottom edge, where a thumb reaches it.
 */
export type SaveBarPlacement = 'top' | 'static' | 'bottom';

export function saveBarPlacement(
  wide: boolean,
  dirty: boolean,
  status: SaveStatus,
): SaveBarPlacement {
  if (wide) return 'top';
  return dirty || status.kind === 'refused' ? 'bottom' : 'static';
}

const PLACEMENT_STYLE: Record<SaveBarPlacement, CSSProperties> = {
  top: {
    position: 'sticky',
    top: 'calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-xs))',
  },
  static: { position: 'static' },
  bottom: { position: 'fixed', left: 0, right: 0, bottom: 0, borderRadius: 0 },
};

export interface SaveBarProps {
  dirty: boolean;
  busy: boolean;
  status: SaveStatus;
  placement: SaveBarPlacement;
  onSave: () => void;
  onDiscard: () => void;
  onReset: () => void;
}

export const SaveBar = forwardRef<HTMLDivElement, SaveBarProps>(function SaveBar(
  { dirty, busy, status, placement, onSave, onDiscard, onReset },
  ref,
) {
  const [confirming, { open, close }] = useDisclosure(false);
  return (
    <Paper
      ref={ref}
      component="section"
      aria-label="Save changes"
      withBorder
      shadow="sm"
      p="sm"
      radius="md"
      data-placement={placement}
      style={{ zIndex: 5, ...PLACEMENT_STYLE[placement] }}
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
          {/* Pinned on a phone, the bar holds what the edits need; Reset waits at the form's top. */}
          {placement !== 'bottom' && (
            <Button variant="subtle" color="gray" onClick={open} disabled={busy}>
              Reset to defaults
            </Button>
          )}
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
});
