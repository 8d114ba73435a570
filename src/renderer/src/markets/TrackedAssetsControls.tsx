// The 'Track asset' field, and the question asked before a change to the list touches a custom mix.
// The field takes whatever is typed or pasted whole: an entry too long to be a ticker is refused with
// the reason, never cut down to one that might be tracked instead.
import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, type FormEvent } from 'react';
import type { MixQuestion, TrackedAssetsEditor } from './use-tracked-assets';

export function TrackAssetForm({
  editor,
  disabled,
}: {
  editor: TrackedAssetsEditor;
  disabled: boolean;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    editor.add();
  };
  return (
    <form onSubmit={submit} aria-label="Track an asset">
      <TextInput
        label="Track asset"
        description="A ticker the exchange lists, such as SOL"
        placeholder="SOL"
        value={editor.text}
        onChange={(e) => editor.setText(e.currentTarget.value)}
        error={editor.addError}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maw={360}
        disabled={disabled}
        inputContainer={(input) => (
          <Group gap="xs" wrap="nowrap" align="center">
            <div style={{ flex: 1 }}>{input}</div>
            <Button
              type="submit"
              loading={editor.busy}
              disabled={disabled || editor.text.trim() === ''}
            >
              Track
            </Button>
          </Group>
        )}
      />
    </form>
  );
}

export function MixQuestionPrompt({
  question,
  onChoose,
  onCancel,
  busy,
}: {
  question: MixQuestion;
  onChoose: TrackedAssetsEditor['choose'];
  onCancel: () => void;
  busy: boolean;
}) {
  const first = useRef<HTMLButtonElement>(null);
  // The question interrupts what the user did: take focus so a keyboard user answers it next.
  useEffect(() => {
    first.current?.focus();
  }, [question]);

  return (
    <Alert color="yellow" title="Your asset mix needs a decision">
      <Text size="sm" mb="sm">
        {question.message}
      </Text>
      <Group gap="xs">
        {question.choices.map((choice, i) => (
          <Button
            key={choice.label}
            ref={i === 0 ? first : undefined}
            size="xs"
            onClick={() => onChoose(choice)}
            loading={busy}
          >
            {choice.label}
          </Button>
        ))}
        <Button size="xs" variant="default" onClick={onCancel}>
          Cancel
        </Button>
      </Group>
    </Alert>
  );
}
