// Said where the removed row was: the asset is no longer tracked, with Undo, which takes the focus
// so the keyboard stays where it was rather than falling back to the top of the page.
import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

export function RemovedNotice({
  asset,
  onUndo,
  busy,
}: {
  asset: string;
  onUndo: () => void;
  busy: boolean;
}) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Only when the removed row held the focus (it is gone now): a mouse user's focus stays put.
    if (document.activeElement === document.body || document.activeElement === null) {
      undo.current?.focus();
    }
  }, [asset]);
  return (
    <Group gap="sm" role="status">
      <Text size="sm">{asset} is no longer tracked.</Text>
      <Button
        ref={undo}
        size="compact-sm"
        variant="default"
        onClick={onUndo}
        loading={busy}
        aria-label={`Undo: track ${asset} again`}
      >
        Undo
      </Button>
    </Group>
  );
}
