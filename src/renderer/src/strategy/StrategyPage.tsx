// Every setting, edited as a draft, checked with the host's own schema, and saved in one update.
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Ref,
} from 'react';
import type { Settings } from '../../../shared/settings';
import { useClient } from '../client-context';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { useOuterHeight } from '../ui/use-outer-height';
import { useHostRead } from '../use-host-read';
import { shownError, type ShownError } from '../ui/shown-error';
import { asSentence, withoutFieldPrefix } from '../ui/sentence';
import { AlertsSection } from './AlertsSection';
import { AssetsSection } from './AssetsSection';
import { CalibrationSection } from './CalibrationSection';
import { DesktopSection } from './DesktopSection';
import type { EditDraft } from './draft-editing';
import { ExecutionSection } from './ExecutionSection';
import { HoldingsSettingsSection } from './HoldingsSettingsSection';
import { MarketSection } from './MarketSection';
import { PolicySection } from './PolicySection';
import { RebalancingSection } from './RebalancingSection';
import { RegimeTableSection } from './RegimeTableSection';
import { SaveBar, saveBarPlacement, type SaveStatus } from './SaveBar';
import {
  changedGroups,
  draftFromSettings,
  isDraftDirty,
  rebaseDraft,
  settingsFromDraft,
  thresholdsFromDraft,
  type FieldErrors,
  type SettingsDraft,
} from './settings-draft';
import { SignalSection } from './SignalSection';
import { assetLevels, historyKFromDraft } from './asset-levels';
import { changedPaths, errorsAtEditedField } from './edited-field';
import { useCalibrations } from './use-calibrations';
import { ThresholdsSection } from './ThresholdsSection';

/** `edited`: the one field the last edit changed, where a rule between two fields is said. */
type Loaded = { saved: Settings; draft: SettingsDraft; edited: string | null };

/** The form as it stands right after a load, a save, a reset or a discard: nothing edited. */
function loadedFrom(saved: Settings): Loaded {
  return { saved, draft: draftFromSettings(saved), edited: null };
}

function visibleErrors(local: FieldErrors, refusal: ShownError | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(local)) errors[path] = asSentence(message);
  if (refusal?.field) {
    errors[refusal.field] = asSentence(withoutFieldPrefix(refusal.message, refusal.field));
  }
  return errors;
}

export function StrategyPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const [state, setState] = useState<Loaded | null>(null);
  const [refusal, setRefusal] = useState<ShownError | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const pageRef = useRef<HTMLDivElement>(null);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [barRef, barHeight] = useOuterHeight<HTMLDivElement>();

  // Settings saved elsewhere (Track and Remove on the Markets view, another window, or anything
  // while the host was out of reach) reach the form field by field: what the user
  // has not edited follows them, their edits stay, so saving the form later never undoes the change.
  const follow = useCallback((next: Settings) => {
    setState((prev) =>
      prev === null
        ? loadedFrom(next)
        : { ...prev, saved: next, draft: rebaseDraft(prev.draft, prev.saved, next) },
    );
  }, []);

  // Read again each time the connection comes back.
  const load = useHostRead(client, (c) => c.getSettings(), follow);
  const loadError = state === null ? load.error : null;
  // The statistics behind levels from history depend on how the saved signal is averaged.
  const calibrations = useCalibrations(
    client,
    state?.saved.assets.tracked ?? [],
    JSON.stringify(state?.saved.signal ?? null),
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'settings') follow(event.settings);
      }),
    [client, follow],
  );

  const edit: EditDraft = useCallback((recipe) => {
    setState((prev) => {
      if (prev === null) return prev;
      const draft = structuredClone(prev.draft);
      recipe(draft);
      const changed = changedPaths(prev.draft, draft);
      return { ...prev, draft, edited: changed.length === 1 ? (changed[0] ?? null) : prev.edited };
    });
    // What the last save said no longer describes the form once it changes.
    setRefusal(null);
    setStatus({ kind: 'idle' });
  }, []);

  const result = useMemo(() => (state ? settingsFromDraft(state.draft) : null), [state]);
  const dirty = state !== null && isDraftDirty(state.draft, state.saved);

  const focusFirstInvalid = () => setFocusRequest((n) => n + 1);

  // Runs after the refusal is committed, so the field it names is already marked invalid. The field
  // is brought to the middle of the window, clear of the save bar pinned at its top or bottom.
  useEffect(() => {
    if (focusRequest === 0) return;
    const field = pageRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus({ preventScroll: true });
    field?.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  // Closing or reloading the window would lose the edits: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const save = async () => {
    if (state === null || result === null) return;
    if (!result.ok) {
      setStatus({ kind: 'refused', message: 'Not saved: correct the highlighted fields first.' });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      const saved = await client.updateSettings(changedGroups(state.saved, result.settings));
      setState(loadedFrom(saved));
      setRefusal(null);
      setStatus({ kind: 'saved', message: 'Settings saved.' });
      notifications.show({
        color: 'teal',
        title: 'Saved',
        message: 'Your strategy settings are saved.',
      });
    } catch (error) {
      const shown = shownError(error);
      setRefusal(shown);
      setStatus({ kind: 'refused', message: `Not saved: ${shown.message}` });
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    if (state === null) return;
    setState(loadedFrom(state.saved));
    setRefusal(null);
    setStatus({ kind: 'idle' });
  };

  const reset = async () => {
    setBusy(true);
    try {
      const saved = await client.resetSettings();
      setState(loadedFrom(saved));
      setRefusal(null);
      setStatus({ kind: 'saved', message: 'Settings reset to their defaults.' });
    } catch (error) {
      setStatus({ kind: 'refused', message: `Not reset: ${shownError(error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const errors = visibleErrors(
    result && !result.ok && state
      ? errorsAtEditedField(result.errors, state.draft, state.edited)
      : {},
    refusal,
  );
  const historyK = state ? historyKFromDraft(state.draft) : null;
  const fixed = state ? thresholdsFromDraft(state.draft) : null;
  const levels =
    state?.draft.thresholds.mode === 'history' && fixed !== null
      ? state.saved.assets.tracked.map((asset) =>
          assetLevels(asset, calibrations[asset], fixed, historyK),
        )
      : null;

  const placement = saveBarPlacement(wide, dirty, status);
  // The room the pinned bar takes, so a focused field scrolls clear of it (see app.css).
  const pinnedRoom = {
    '--pinned-top-room': placement === 'top' ? `${barHeight + 10}px` : '0px',
    '--pinned-bottom-room': placement === 'bottom' ? `${barHeight}px` : '0px',
    paddingBottom: placement === 'bottom' ? barHeight + 16 : undefined,
  } as CSSProperties;

  return (
    <Stack gap="md" ref={pageRef} style={pinnedRoom}>
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Strategy
        </Title>
        <Text c="dimmed" size="sm">
          How Premia reads the futures premium and what it does in each regime. Percent fields are
          entered as percents.
        </Text>
      </div>
      {loadError !== null && (
        <LoadErrorAlert
          title="Settings could not be loaded"
          message={loadError}
          onRetry={load.retry}
        />
      )}
      {state === null && loadError === null && (
        <Center py="xl">
          <Loader aria-label="Loading settings" />
        </Center>
      )}
      {state !== null && (
        <>
          <SaveBar
            ref={barRef}
            placement={placement}
            dirty={dirty}
            busy={busy}
            status={status}
            onSave={() => void save()}
            onDiscard={discard}
            onReset={() => void reset()}
          />
          <ThresholdsSection draft={state.draft} edit={edit} errors={errors} />
          <CalibrationSection
            draft={state.draft}
            edit={edit}
            saved={state.saved}
            calibrations={calibrations}
            fixed={fixed}
            historyK={historyK}
          />
          <RegimeTableSection draft={state.draft} assetLevels={levels} />
          <PolicySection draft={state.draft} edit={edit} errors={errors} />
          <SignalSection draft={state.draft} edit={edit} errors={errors} />
          <AssetsSection draft={state.draft} edit={edit} errors={errors} />
          <RebalancingSection draft={state.draft} edit={edit} errors={errors} />
          <ExecutionSection draft={state.draft} edit={edit} errors={errors} />
          <MarketSection draft={state.draft} edit={edit} errors={errors} />
          <HoldingsSettingsSection draft={state.draft} edit={edit} errors={errors} />
          <AlertsSection draft={state.draft} edit={edit} errors={errors} />
          <DesktopSection draft={state.draft} edit={edit} />
        </>
      )}
    </Stack>
  );
}
