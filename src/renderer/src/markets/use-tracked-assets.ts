// Saving changes to the tracked list from the Markets page, with the custom-mix question in between.
import { useCallback, useRef, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { Settings } from '../../../shared/settings';
import { asSentence, withoutFieldPrefix } from '../ui/sentence';
import { shownError } from '../ui/shown-error';
import {
  addTrackedAsset,
  removeTrackedAsset,
  type AssetsPatch,
  type MixChoice,
  type TrackedChange,
} from './tracked-assets';

export interface MixQuestion {
  message: string;
  choices: MixChoice[];
  /** Where an error from the chosen change is shown. */
  origin: 'add' | 'remove';
}

export interface TrackedAssetsEditor {
  /** The text of the 'Track asset' field, cleared once its asset is tracked. */
  text: string;
  setText: (text: string) => void;
  busy: boolean;
  /** A refusal to show at the 'Track asset' field. */
  addError: string | null;
  /** A refusal of a removal, shown above the table. */
  removeError: string | null;
  question: MixQuestion | null;
  /** The asset just removed, until it is put back, another change is made or the page is left. */
  removed: string | null;
  /** Puts the tracked list and mix back as they were before the last removal. */
  undoRemove: () => void;
  add: () => void;
  /** Tracks the asset named, as if typed into the field (the Holdings view's Track button). */
  track: (asset: string) => void;
  remove: (asset: string) => void;
  choose: (choice: MixChoice) => void;
  cancel: () => void;
}

/** The host's message without the `assets.tracked.2:` path it starts with, as a sentence. */
function refusalText(error: unknown): string {
  const shown = shownError(error);
  const message = shown.field ? withoutFieldPrefix(shown.message, shown.field) : shown.message;
  return asSentence(message);
}

export function useTrackedAssets(
  client: AppClient,
  settings: Settings | null,
  accept: (settings: Settings) => void,
): TrackedAssetsEditor {
  const [text, setTextState] = useState('');
  const [busy, setBusy] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [question, setQuestion] = useState<MixQuestion | null>(null);
  const [removed, setRemoved] = useState<{ asset: string; before: AssetsPatch } | null>(null);
  // The removal being made (it may wait on the mix question), to be undone once it is saved.
  const removing = useRef<{ asset: string; before: AssetsPatch } | null>(null);

  const save = useCallback(
    async (patch: AssetsPatch, origin: 'add' | 'remove' | 'undo'): Promise<boolean> => {
      setBusy(true);
      try {
        accept(await client.updateSettings(patch));
        setAddError(null);
        setRemoveError(null);
        if (origin === 'add') setTextState('');
        setRemoved(origin === 'remove' ? removing.current : null);
        removing.current = null;
        return true;
      } catch (error) {
        const text = refusalText(error);
        if (origin === 'add') setAddError(text);
        else setRemoveError(text);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client, accept],
  );

  const act = useCallback(
    async (change: TrackedChange, origin: 'add' | 'remove'): Promise<boolean> => {
      setQuestion(null);
      if (change.kind === 'refused') {
        if (origin === 'add') setAddError(change.message);
        else setRemoveError(change.message);
        return false;
      }
      if (change.kind === 'mix-conflict') {
        setQuestion({ message: change.message, choices: change.choices, origin });
        return false;
      }
      return save(change.patch, origin);
    },
    [save],
  );

  const add = useCallback(() => {
    if (!settings) return;
    setRemoveError(null);
    void act(addTrackedAsset(settings.assets, text), 'add');
  }, [settings, act, text]);

  const track = useCallback(
    (asset: string) => {
      if (!settings) return;
      setRemoveError(null);
      void act(addTrackedAsset(settings.assets, asset), 'add');
    },
    [settings, act],
  );

  const setText = useCallback((next: string) => {
    setTextState(next);
    setAddError(null);
  }, []);

  const remove = useCallback(
    (asset: string) => {
      if (!settings) return;
      setRemoveError(null);
      const { tracked, mix } = settings.assets;
      removing.current = { asset, before: { assets: { tracked: [...tracked], mix: { ...mix } } } };
      void act(removeTrackedAsset(settings.assets, asset), 'remove');
    },
    [settings, act],
  );

  const undoRemove = useCallback(() => {
    if (!removed) return;
    removing.current = null;
    void save(removed.before, 'undo');
  }, [removed, save]);

  const choose = useCallback(
    (choice: MixChoice) => {
      const origin = question?.origin ?? 'add';
      setQuestion(null);
      void save(choice.patch, origin);
    },
    [question, save],
  );

  const cancel = useCallback(() => setQuestion(null), []);

  return {
    text,
    setText,
    busy,
    addError,
    removeError,
    question,
    removed: removed?.asset ?? null,
    undoRemove,
    add,
    track,
    remove,
    choose,
    cancel,
  };
}
