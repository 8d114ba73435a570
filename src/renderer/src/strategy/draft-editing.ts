import type { FieldErrors, SettingsDraft } from './settings-draft';

/** Applies an edit to a copy of the draft; sections never mutate the state they were given. */
export type EditDraft = (recipe: (draft: SettingsDraft) => void) => void;

export interface SectionProps {
  draft: SettingsDraft;
  edit: EditDraft;
  errors: FieldErrors;
}
