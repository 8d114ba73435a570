// What a link to an asset opens when it cannot show its detail: an asset not tracked (with the offer
// to track it; the host says why when the venue does not list it), or a name that is no ticker.
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { SelectedView } from './selected-asset';

export interface UntrackedAssetProps {
  view: Extract<SelectedView, { kind: 'untracked' | 'invalid' }>;
  busy: boolean;
  /** Why the host refused to track it, if it did. */
  refusal: string | null;
  onTrack: (asset: string) => void;
  onClose: () => void;
}

export function UntrackedAsset({ view, busy, refusal, onTrack, onClose }: UntrackedAssetProps) {
  const id = useId();
  if (view.kind === 'invalid') {
    return (
      <Alert color="yellow" title="No such asset" role="status">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm">
            The link names “{view.text}”, which is not an asset ticker, so no detail is open.
          </Text>
          <Button variant="default" size="xs" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Alert>
    );
  }
  const { asset } = view;
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {asset} is not tracked
        </Title>
        <Text size="sm">
          Premia follows the premium, funding and regime of the assets you track. Track {asset} to
          see its detail here and let the strategy include it.
        </Text>
        {refusal !== null && (
          <Text size="sm" c="red" role="alert">
            {refusal}
          </Text>
        )}
        <Group gap="sm">
          <Button onClick={() => onTrack(asset)} loading={busy}>
            Track {asset}
          </Button>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
