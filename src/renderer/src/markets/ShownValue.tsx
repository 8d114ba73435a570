// A figure of the Markets view: its text, or for a missing value a dash that reads out the reason.
import { Text, VisuallyHidden, type TextProps } from '@mantine/core';
import type { Shown } from './market-row';

export function ShownValue({ value, ...props }: { value: Shown } & TextProps) {
  if (value.missing === null) {
    return (
      <Text component="span" size="sm" {...props}>
        {value.text}
      </Text>
    );
  }
  return (
    <Text component="span" size="sm" c="dimmed" title={value.missing} {...props}>
      <span aria-hidden>{value.text}</span>
      <VisuallyHidden>{value.missing}</VisuallyHidden>
    </Text>
  );
}
