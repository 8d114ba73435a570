// The pieces a tracked asset's figures are shown with, in the table on wide windows and in the
// cards on phones: lines under a figure, the funding countdown, the rate, and how fresh it is.
import { Badge, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import type { MarketRow } from './market-row';
import { NotCurrentBadge } from './NotCurrentBadge';
import { ShownValue } from './ShownValue';
import { formatAge, formatCountdown } from './time-text';

/** Figures never break inside; the lines under them may. */
export const FIGURE = { whiteSpace: 'nowrap' } as const;

export function Sub({ children }: { children: ReactNode }) {
  return (
    <Text component="div" size="xs" c="dimmed">
      {children}
    </Text>
  );
}

export function Countdown({ at, now }: { at: number | null; now: number }) {
  if (at === null) {
    return <ShownValue value={{ text: '—', missing: 'No funding time published' }} />;
  }
  return (
    <Text component="span" size="sm" title={new Date(at).toLocaleString()} style={FIGURE}>
      {formatCountdown(at - now)}
    </Text>
  );
}

export function Freshness({
  row,
  now,
  notCurrent,
  align = 'flex-end',
}: {
  row: MarketRow;
  now: number;
  notCurrent: string | null;
  /** Right-aligned in a table's figure column, left in a card. */
  align?: 'flex-end' | 'flex-start';
}) {
  return (
    <Stack gap={2} align={align}>
      {row.receivedAt === null ? (
        <ShownValue value={{ text: '—', missing: 'Not received yet' }} />
      ) : (
        <Text
          component="span"
          size="sm"
          title={new Date(row.receivedAt).toLocaleString()}
          style={FIGURE}
        >
          {formatAge(now - row.receivedAt)}
        </Text>
      )}
      {notCurrent !== null && row.listed && <NotCurrentBadge reason={notCurrent} size="sm" />}
      {row.stale && (
        <Tooltip label="Missed two refreshes: not used for trading until it is fresh again">
          <Badge color="orange" variant="filled" size="sm">
            Stale
          </Badge>
        </Tooltip>
      )}
    </Stack>
  );
}

/** '0.0100% / 8 h', with the mark of an interval the venue does not publish. */
export function FundingRate({ funding }: { funding: NonNullable<MarketRow['funding']> }) {
  if (funding.perInterval.missing !== null) return <ShownValue value={funding.perInterval} />;
  return (
    <Text component="span" size="sm">
      <span style={FIGURE}>
        {funding.rate} / {funding.interval}
      </span>
      {funding.intervalNote && (
        <>
          <span aria-hidden>{funding.intervalNote}</span>
          <VisuallyHidden>(interval assumed, see the note)</VisuallyHidden>
        </>
      )}
    </Text>
  );
}

/**
 * A click on an asset's link opens its detail in place; a click meant for a new tab or window
 * (a modifier key, another button) is left to the browser.
 */
export function selectOnPlainClick(onSelect: (asset: string) => void) {
  return (event: MouseEvent<HTMLAnchorElement>, asset: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onSelect(asset);
  };
}
