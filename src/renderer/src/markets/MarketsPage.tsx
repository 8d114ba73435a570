// The Markets view: every tracked asset's premium and regime, live, and the detail of the one selected.
import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type Ref } from 'react';
import { notCurrentReason } from '../api/connection';
import { useConnection } from '../api/use-connection';
import { useClient } from '../client-context';
import { marketsSubtitle } from '../shell/market-health-text';
import { useMarketHealth } from '../shell/use-market-health';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { AssetDetail } from './AssetDetail';
import { BackfillPanel } from './BackfillPanel';
import { marketRow, rowAssets, thresholdsInForce } from './market-row';
import { MarketCards } from './MarketCards';
import { RemovedNotice } from './RemovedNotice';
import { MarketsTable } from './MarketsTable';
import { MixQuestionPrompt, TrackAssetForm } from './TrackedAssetsControls';
import { useBackfillProgress, useLiveSettings, useMarketSnapshot } from './use-market-data';
import { selectedView } from './selected-asset';
import { UntrackedAsset } from './UntrackedAsset';
import { useSelectedAsset } from './use-selected-asset';
import { useTrackedAssets } from './use-tracked-assets';
import { useMediaQuery } from '@mantine/hooks';

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString();

export function MarketsPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const { snapshot, heardAt, loading, error, retry } = useMarketSnapshot(client);
  // A phone gets a card per asset, the regime and the signal premium first; wider windows the table.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const host = useConnection(client);
  const notCurrent = notCurrentReason(host, heardAt);
  const { health } = useMarketHealth(client);
  const backfill = useBackfillProgress(client);
  const live = useLiveSettings(client);
  const { settings } = live;
  const editor = useTrackedAssets(client, settings, live.accept);
  const { selected, select, hrefFor } = useSelectedAsset();
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const focusDetail = useRef(false);

  const assets = snapshot?.assets ?? [];
  const tracked = settings?.assets.tracked ?? null;
  const rows = rowAssets(tracked, assets).map(({ name, asset }) =>
    marketRow(
      name,
      asset,
      snapshot?.at ?? null,
      thresholdsInForce(asset, settings)?.extremeExit ?? null,
      {
        averagingWindowDays: settings?.signal.averagingWindowDays,
        constantMaturityDays: settings?.signal.constantMaturityDays,
      },
    ),
  );
  const view = selectedView(selected, tracked);
  const shownAsset = view.kind === 'detail' ? view.asset : null;
  const selectedSnapshot = shownAsset ? (assets.find((a) => a.asset === shownAsset) ?? null) : null;

  // Focus moves to the detail only when the user opened it here, not when a link or reload did.
  useEffect(() => {
    if (shownAsset && focusDetail.current) {
      focusDetail.current = false;
      detailHeading.current?.focus();
    }
  }, [shownAsset]);

  const open = (asset: string) => {
    focusDetail.current = true;
    select(asset);
  };

  const canRemove = !editor.busy && (tracked?.length ?? 0) > 1;

  // The tracked assets as a table, or as cards on a phone: the same figures and actions.
  const listProps = {
    rows,
    selected,
    hrefFor,
    onSelect: open,
    onRemove: editor.remove,
    canRemove,
    notCurrent,
  };

  // Closed, the detail hands the focus back to its asset's link, so the keyboard stays in place.
  const closeDetail = (asset: string) => {
    select(null);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-asset="${CSS.escape(asset)}"] a`)?.focus(),
    );
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Markets
        </Title>
        <Text c="dimmed" size="sm">
          {snapshot
            ? marketsSubtitle(
                snapshot.source,
                health,
                host.status === 'connected',
                settings?.market.refreshIntervalMs ?? null,
                clockTime,
              )
            : 'Futures premiums of the assets you track, and the regime each one is in.'}
        </Text>
      </div>
      {error !== null && (
        <LoadErrorAlert title="Market data could not be loaded" message={error} onRetry={retry} />
      )}
      <BackfillPanel state={backfill} />
      {loading && snapshot === null ? (
        <Center py="xl">
          <Loader aria-label="Loading market data" />
        </Center>
      ) : (
        <>
          {snapshot === null && error === null && (
            <Text size="sm" c="dimmed" role="status">
              Waiting for the first market refresh.
            </Text>
          )}
          {editor.removed !== null && (
            <RemovedNotice asset={editor.removed} onUndo={editor.undoRemove} busy={editor.busy} />
          )}
          {editor.removeError !== null && (
            <Alert color="red" title="The asset list was not changed" role="alert">
              {editor.removeError}
            </Alert>
          )}
          {rows.length > 0 &&
            (wide ? <MarketsTable {...listProps} /> : <MarketCards {...listProps} />)}
        </>
      )}
      {editor.question && (
        <MixQuestionPrompt
          question={editor.question}
          onChoose={editor.choose}
          onCancel={editor.cancel}
          busy={editor.busy}
        />
      )}
      {live.error !== null && (
        <LoadErrorAlert
          title="Settings could not be loaded"
          message={live.error}
          onRetry={live.retry}
        />
      )}
      <TrackAssetForm editor={editor} disabled={settings === null} />
      {(view.kind === 'untracked' || view.kind === 'invalid') && (
        <UntrackedAsset
          view={view}
          busy={editor.busy}
          refusal={editor.addError}
          onTrack={editor.track}
          onClose={() => select(null)}
        />
      )}
      {shownAsset && (
        <AssetDetail
          asset={shownAsset}
          snapshot={selectedSnapshot}
          snapshotAt={snapshot?.at ?? null}
          thresholds={thresholdsInForce(selectedSnapshot, settings)}
          notCurrent={notCurrent}
          onClose={() => closeDetail(shownAsset)}
          headingRef={detailHeading}
        />
      )}
    </Stack>
  );
}
