// A number field whose value is the text as typed, so half-typed input ('-', '5.') is never lost.
import { NumberInput, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DraftNumberInputProps {
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  description?: ReactNode;
  /** Shown at the field; `true` marks the field invalid when the message sits on its group. */
  error?: ReactNode;
  /** A unit shown inside the field's right edge, such as '%' or 's'. */
  unit?: string;
  step?: number;
  allowNegative?: boolean;
}

export function DraftNumberInput({
  label,
  value,
  onChange,
  description,
  error,
  unit,
  step = 1,
  allowNegative = true,
}: DraftNumberInputProps) {
  return (
    <NumberInput
      label={label}
      description={description}
      error={error}
      value={value}
      onChange={(next) => onChange(typeof next === 'number' ? String(next) : next)}
      step={step}
      allowNegative={allowNegative}
      hideControls={unit !== undefined}
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
      inputMode="decimal"
      autoComplete="off"
    />
  );
}
