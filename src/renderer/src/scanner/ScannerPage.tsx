// The carry scanner: every asset the market's venue lists with a perpetual, sortable and filterable by
// funding now, its 7/14/30-day averages, nearest basis and regime; the best carries net of fees with
// one-click Track; and a heat map of funding by asset and day.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState, type Ref } from 'react';
import {
  filterRows,
  NO_FILTER,
  rankByNetCarry,
  sortRows,
  type ScannerFilter,
  type ScannerSort,
  type ScannerSortKey,
} from '../../../core/scanner-view';
import { REGIMES, REGIME_LABELS, type Regime } from '../../../shared/strategy';
import { useClient } from '../client-context';
import { useLiveSettings } from '../markets/use-market-data';
import { MixQuestionPrompt } from '../markets/TrackedAssetsControls';
import { useTrackedAssets } from '../markets/use-tracked-assets';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { BestCarryList } from './BestCarryList';
import { CarryHeatmap } from './CarryHeatmap';
import { ScannerTable } from './ScannerTable';
import { useCarryScanner } from './use-carry-scanner';

const SORT_NAMES: Record<ScannerSortKey, string> = {
  asset: 'name',
  fundingNow: 'funding now',
  avg7: '7-day average',
  avg14: '14-day average',
  avg30: '30-day average',
  basis: 'nearest basis',
  regime: 'regime',
  carry: 'best carry',
};

const BEST_COUNT = 6;
const clockTime = (ms: number) => new Date(ms).toLocaleTimeString();

const HISTORY_WORDS = {
  waiting: 'The last 30 days of funding are fetched once the first quotes are in.',
  filling: 'Fetching the last 30 days of funding: averages fill in as it arrives.',
  filled: null,
  failed: null,
} as const;

export function ScannerPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const { view, updatedAt, loading, refreshing, error, refresh } = useCarryScanner(client);
  const live = useLiveSettings(client);
  const editor = useTrackedAssets(client, live.settings, live.accept);
  const [sort, setSort] = useState<ScannerSort>({ key: 'fundingNow', direction: 'descending' });
  const [filter, setFilter] = useState<ScannerFilter>(NO_FILTER);
  const [heatSize, setHeatSize] = useState(20);

  const tracked = live.settings?.assets.tracked;
  // The settings saved here or elsewhere say what is tracked now, ahead of the next read.
  const rows = useMemo(
    () =>
      (view?.rows ?? []).map((row) =>
        tracked ? { ...row, tracked: tracked.includes(row.asset) } : row,
      ),
    [view, tracked],
  );
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const best = useMemo(() => rankByNetCarry(filterRows(rows, filter), BEST_COUNT), [rows, filter]);

  const onSort = (key: ScannerSortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'asset' || key === 'regime' ? 'ascending' : 'descending' },
    );
  const patchFilter = (patch: Partial<ScannerFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Carry scanner
        </Title>
        <Group gap="xs" aria-live="polite">
          <Text c="dimmed" size="sm">
            {view
              ? `${view.rows.length} perpetuals on ${view.source === 'demo' ? 'the demo market' : view.source}${
                  updatedAt !== null ? `, updated at ${clockTime(updatedAt)}` : ''
                }.`
              : 'Every asset the venue lists with a perpetual.'}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={refresh} loading={refreshing}>
            Refresh
          </Button>
        </Group>
      </div>

      {error && (
        <LoadErrorAlert title="The scanner could not be loaded" message={error} onRetry={refresh} />
      )}
      {loading && !view && !error && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">Loading every perpetual of the venue…</Text>
        </Group>
      )}
      {view && view.history.state === 'failed' && view.history.message && (
        <Alert color="yellow" title="Funding history incomplete">
          {view.history.message}
        </Alert>
      )}
      {view && HISTORY_WORDS[view.history.state] && (
        <Text size="sm" c="dimmed" role="status">
          {HISTORY_WORDS[view.history.state]}
        </Text>
      )}
      {editor.question && (
        <MixQuestionPrompt
          question={editor.question}
          onChoose={editor.choose}
          onCancel={editor.cancel}
          busy={editor.busy}
        />
      )}
      {editor.addError && (
        <Alert color="red" title="Not tracked" role="alert">
          {editor.addError}
        </Alert>
      )}

      {view && (
        <>
          <Group align="end" gap="sm" role="search" aria-label="Filter the perpetuals">
            <TextInput
              label="Asset"
              placeholder="BTC"
              value={filter.text}
              onChange={(e) => patchFilter({ text: e.currentTarget.value })}
              w={140}
            />
            <NativeSelect
              label="Regime"
              data={[
                { value: '', label: 'Every regime' },
                ...REGIMES.map((r) => ({ value: r, label: REGIME_LABELS[r] })),
              ]}
              value={filter.regimes[0] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                patchFilter({ regimes: value === '' ? [] : [value as Regime] });
              }}
              w={200}
            />
            <NumberInput
              label="Least funding now, % a year"
              value={filter.minFundingNow === null ? '' : filter.minFundingNow * 100}
              onChange={(value) =>
                patchFilter({ minFundingNow: typeof value === 'number' ? value / 100 : null })
              }
              w={200}
              decimalScale={2}
            />
            <Checkbox
              label="Untracked only"
              checked={filter.untrackedOnly}
              onChange={(e) => patchFilter({ untrackedOnly: e.currentTarget.checked })}
              mb={8}
            />
          </Group>

          {view.rows.length === 0 ? (
            <Text>The venue quoted no perpetual in the last cycle.</Text>
          ) : shown.length === 0 ? (
            <Text role="status">No perpetual matches these filters.</Text>
          ) : null}

          <Section title="Best carry, net of fees">
            <Text size="sm" c="dimmed" mb="xs">
              Spot bought and hedged by the perpetual (on its 7-day average funding, over{' '}
              {view.carryBasis.holdingDays} days) or by the nearest dated future (to expiry), the
              better of the two, at the venue’s published taker fees, priced as the rebalance plan
              prices a hedge.
            </Text>
            <BestCarryList rows={best} onTrack={editor.track} busy={editor.busy} />
          </Section>

          {shown.length > 0 && (
            <Section title="Every perpetual">
              <ScannerTable
                rows={shown}
                sort={sort}
                onSort={onSort}
                onTrack={editor.track}
                busy={editor.busy}
              />
            </Section>
          )}

          {shown.length > 0 && (
            <Section title="Funding by day">
              <CarryHeatmap
                rows={shown}
                days={view.days}
                size={heatSize}
                onSize={setHeatSize}
                sortedBy={SORT_NAMES[sort.key]}
              />
            </Section>
          )}
        </>
      )}
    </Stack>
  );
}
