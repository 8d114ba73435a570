// The one place in the shell that says how the data stands: whether Premia's host is connected and,
// while it is, whether market data comes in from the venue. A label in the header, and above every
// page a banner when the host is lost (or comes back) or market data does not come in, with the
// reason, a countdown to the next retry and "Retry now" ("Resume polling" while paused). The banner's
// words sit in a polite live region that is always present, so screen readers hear each change; the
// countdown beside them is not read out at every tick, and nothing in it takes focus.
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppClient } from '../api/connection';
import { useConnection } from '../api/use-connection';
import { useNow } from '../markets/use-market-data';
import { connectionBanner, type ConnectionTone } from './connection-text';
import { dataHealthLabel, marketBanner, retryCountdown } from './market-health-text';
import type { MarketHealthState } from './use-market-health';

/** How long the word that the connection is back stays up. */
const RECONNECTED_NOTE_MS = 10_000;

const TONE_COLORS: Record<ConnectionTone, string> = {
  ok: 'teal',
  waiting: 'gray',
  warn: 'orange',
  lost: 'red',
};

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString();

export function DataHealthIndicator({
  client,
  market,
}: {
  client: AppClient;
  market: MarketHealthState;
}) {
  const host = useConnection(client);
  const label = dataHealthLabel(host, market.health, clockTime);
  return (
    <Tooltip label={label.detail} multiline maw={360}>
      <Badge
        variant="dot"
        color={TONE_COLORS[label.tone]}
        size="lg"
        data-testid="connection-indicator"
        data-status={host.status}
        data-market={market.health?.state ?? 'none'}
      >
        <VisuallyHidden>Data: </VisuallyHidden>
        {/* A phone's header has room for the coloured dot only; the words are still read out. */}
        <Box component="span" visibleFrom="sm">
          {label.text}
        </Box>
        <VisuallyHidden hiddenFrom="sm">{label.text}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

function RetryCountdown({ market }: { market: MarketHealthState }) {
  const now = useNow(1_000);
  if (!market.health) return null;
  return (
    // Read out when reached, not at every tick.
    <Text size="sm" fw={600} aria-live="off" data-testid="next-retry">
      {retryCountdown(market.health, now)}
    </Text>
  );
}

export function DataHealthBanner({
  client,
  market,
}: {
  client: AppClient;
  market: MarketHealthState;
}) {
  const host = useConnection(client);
  // The reconnect whose note has been put away (by its timer or the user).
  const [noted, setNoted] = useState(0);
  const showReconnected = host.reconnects > noted;
  const hostWords = connectionBanner(host, clockTime, showReconnected);
  // While the host is lost, what it last said of the market is not current: the host comes first.
  const marketWords =
    host.status === 'connected' && hostWords === null
      ? marketBanner(market.health, clockTime)
      : null;
  const words = hostWords ?? marketWords;
  const reconnectedNote = hostWords?.tone === 'ok';

  useEffect(() => {
    if (!reconnectedNote) return;
    const reconnects = host.reconnects;
    const timer = setTimeout(() => setNoted(reconnects), RECONNECTED_NOTE_MS);
    return () => clearTimeout(timer);
  }, [reconnectedNote, host.reconnects]);

  return (
    <Box role="status" aria-live="polite" aria-label="Data health">
      {words && (
        <Alert
          role="group"
          color={TONE_COLORS[words.tone]}
          title={words.title}
          mb="md"
          withCloseButton={reconnectedNote}
          closeButtonLabel="Dismiss"
          onClose={() => setNoted(host.reconnects)}
        >
          <Group justify="space-between" align="flex-end" gap="sm">
            <Text size="sm" maw="70ch">
              {words.body}
            </Text>
            {host.status === 'disconnected' && (
              <Button size="xs" variant="light" color="red" onClick={client.connection.retryNow}>
                Retry now
              </Button>
            )}
            {marketWords && (
              <Stack gap={4} align="flex-end">
                <RetryCountdown market={market} />
                <Button
                  size="xs"
                  variant="light"
                  color={TONE_COLORS[marketWords.tone]}
                  onClick={market.retry}
                  loading={market.asking}
                  disabled={market.health?.refreshing === true}
                >
                  {market.health?.state === 'paused' ? 'Resume polling' : 'Retry now'}
                </Button>
                {market.retryError && (
                  <Text size="xs" c="red" role="alert">
                    {market.retryError}
                  </Text>
                )}
              </Stack>
            )}
          </Group>
        </Alert>
      )}
    </Box>
  );
}
