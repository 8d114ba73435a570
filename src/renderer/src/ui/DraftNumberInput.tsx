// A number field whose value is the text exactly as typed: half-typed input ('-', '5.') is never lost,
// and nothing is silently dropped from it (a number input would turn '1e9' into 19 and '-5' into 5).
// Whether the text is a usable number is for the form to say, beside the field. The arrow keys step
// the number up and down, as in a number input.
import { Text, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { stepNumberText } from './number-text';

export interface DraftNumberInputProps {
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  description?: ReactNode;
  /** Shown at the field; `true` marks the field invalid when the message sits on its group. */
  error?: ReactNode;
  /** A unit shown inside the field's right edge, such as '%' or 's'. */
  unit?: string;
  /** How far ArrowUp and ArrowDown move the number. */
  step?: number;
}

export function DraftNumberInput({
  label,
  value,
  onChange,
  description,
  error,
  unit,
  step = 1,
}: DraftNumberInputProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const next = stepNumberText(value, step, event.key === 'ArrowUp' ? 1 : -1);
    if (next === value) return;
    event.preventDefault();
    onChange(next);
  };
  return (
    <TextInput
      label={label}
      description={description}
      error={error}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={onKeyDown}
      rightSection={
        unit === undefined ? undefined : (
          <Text component="span" size="sm" c="dimmed" aria-hidden>
            {unit}
          </Text>
        )
      }
      rightSectionPointerEvents="none"
      // Room for a word such as 'days', not just a symbol.
      rightSectionWidth={unit !== undefined && unit.length > 1 ? 52 : undefined}
      // No numeric keypad: some lack the minus sign and the exponent that may be typed here.
      autoComplete="off"
      spellCheck={false}
    />
  );
}
