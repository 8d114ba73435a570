// The one place in the shell that says whether Premia's host is connected: a label in the header, and
// above every page a banner when the connection is lost or comes back. The banner is a polite live
// region that is always present, so screen readers hear each change; nothing in it takes focus.
import { Alert, Badge, Box, Button, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppClient } from '../api/connection';
import { useConnection } from '../api/use-connection';
import { connectionBanner, connectionLabel, type ConnectionTone } from './connection-text';

/** How long the word that the connection is back stays up. */
const RECONNECTED_NOTE_MS = 10_000;

const TONE_COLORS: Record<ConnectionTone, string> = {
  ok: 'teal',
  waiting: 'gray',
  lost: 'red',
};

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString();

export function ConnectionIndicator({ client }: { client: AppClient }) {
  const state = useConnection(client);
  const label = connectionLabel(state, clockTime);
  return (
    <Tooltip label={label.detail}>
      <Badge
        variant="dot"
        color={TONE_COLORS[label.tone]}
        size="lg"
        data-testid="connection-indicator"
        data-status={state.status}
      >
        <VisuallyHidden>Premia host: </VisuallyHidden>
        {/* A phone's header has room for the coloured dot only; the words are still read out. */}
        <Box component="span" visibleFrom="sm">
          {label.text}
        </Box>
        <VisuallyHidden hiddenFrom="sm">{label.text}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

export function ConnectionBanner({ client }: { client: AppClient }) {
  const state = useConnection(client);
  // The reconnect whose note has been put away (by its timer or the user).
  const [noted, setNoted] = useState(0);
  const showReconnected = state.reconnects > noted;
  const words = connectionBanner(state, clockTime, showReconnected);
  const reconnectedNote = words?.tone === 'ok';

  useEffect(() => {
    if (!reconnectedNote) return;
    const reconnects = state.reconnects;
    const timer = setTimeout(() => setNoted(reconnects), RECONNECTED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [reconnectedNote, state.reconnects]);

  return (
    <Box role="status" aria-live="polite" aria-label="Connection to Premia">
      {words && (
        <Alert
          role="group"
          color={TONE_COLORS[words.tone]}
          title={words.title}
          mb="md"
          withCloseButton={reconnectedNote}
          closeButtonLabel="Dismiss"
          onClose={() => setNoted(state.reconnects)}
        >
          <Group justify="space-between" align="flex-end" gap="sm">
            <Text size="sm" maw="70ch">
              {words.body}
            </Text>
            {state.status === 'disconnected' && (
              <Button size="xs" variant="light" color="red" onClick={client.connection.retryNow}>
                Retry now
              </Button>
            )}
          </Group>
        </Alert>
      )}
    </Box>
  );
}
