// A segmented choice with a visible label that names its radio group for assistive technology.
import { Box, Input, SegmentedControl } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export interface LabeledSegmentsProps<Value extends string> {
  label: ReactNode;
  value: Value;
  data: readonly { value: Value; label: string }[];
  onChange: (value: Value) => void;
  description?: ReactNode;
  fullWidth?: boolean;
}

export function LabeledSegments<Value extends string>({
  label,
  value,
  data,
  onChange,
  description,
  fullWidth,
}: LabeledSegmentsProps<Value>) {
  const id = useId();
  return (
    <Box>
      <Input.Label id={`${id}-label`} component="div" display="block">
        {label}
      </Input.Label>
      {description !== undefined && (
        <Input.Description id={`${id}-description`} mb={4}>
          {description}
        </Input.Description>
      )}
      <SegmentedControl<Value>
        aria-labelledby={`${id}-label`}
        aria-describedby={description === undefined ? undefined : `${id}-description`}
        value={value}
        onChange={onChange}
        data={data.map((d) => ({ value: d.value, label: d.label }))}
        fullWidth={fullWidth}
      />
    </Box>
  );
}
