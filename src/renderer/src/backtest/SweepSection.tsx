// The sweep: two of the policy's parameters over a range of values each, run on the host cell by
// cell, drawn as heat maps of CAGR and max drawdown so a robust setting reads apart from a lucky one.
import {
  Alert,
  Button,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { BacktestRequestInput } from '../../../shared/backtest';
import {
  MAX_SWEEP_VALUES,
  SWEEP_PARAMETER_LABELS,
  SWEEP_PARAMETERS,
  SWEEP_PARAMETER_UNITS,
  type SweepParameter,
} from '../../../shared/backtest-sweep';
import type { AppClient } from '../api/connection';
import {
  currentSweepValue,
  defaultSweepValues,
  initialSweepDraft,
  readSweepDraft,
  type SweepDraft,
} from './sweep-form';
import { sweepGrid, sweepSummary, type SweepMetric } from './sweep-grid';
import { SweepTable } from './SweepTable';
import type { LocalHistory } from './local-backtest';
import { useBacktestSweep } from './use-backtest';

const PARAMETER_OPTIONS = SWEEP_PARAMETERS.map((p) => ({
  value: p,
  label: SWEEP_PARAMETER_LABELS[p],
}));

const UNIT_HINT: Record<(typeof SWEEP_PARAMETER_UNITS)[SweepParameter], string> = {
  rate: 'Annualized percents',
  multiple: 'Standard deviations above the mean',
  days: 'Whole days',
};

const METRICS: readonly SweepMetric[] = ['cagr', 'maxDrawdown'];

export function SweepSection({
  client,
  request,
  local,
}: {
  client: AppClient;
  /** The backtest the form above describes, or null while it has problems. */
  request: BacktestRequestInput | null;
  /** History read from files, when the backtest runs on them rather than the host's store. */
  local: LocalHistory | null;
}) {
  const [draft, setDraft] = useState<SweepDraft>(() => initialSweepDraft(request));
  const sweep = useBacktestSweep(client);
  const reading = request ? readSweepDraft(draft, request) : null;
  const problems = reading && !reading.ok ? reading.problems : {};

  const choose = (axis: 'rows' | 'columns', parameter: SweepParameter) =>
    setDraft((d) => ({
      ...d,
      [axis]: parameter,
      [axis === 'rows' ? 'rowValues' : 'columnValues']: defaultSweepValues(parameter, request),
    }));

  const result = sweep.result;
  const current = result
    ? {
        row: request ? currentSweepValue(request, result.rows.parameter) : null,
        column: request ? currentSweepValue(request, result.columns.parameter) : null,
      }
    : null;
  const percent = sweep.progress
    ? Math.round((sweep.progress.done / Math.max(1, sweep.progress.total)) * 100)
    : 0;

  return (
    <Stack gap="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reading?.ok) void sweep.run(reading.request, local);
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(['rows', 'columns'] as const).map((axis) => {
              const parameter = draft[axis];
              const valuesKey = axis === 'rows' ? 'rowValues' : 'columnValues';
              return (
                <Stack key={axis} gap="xs">
                  <Select
                    label={axis === 'rows' ? 'Rows' : 'Columns'}
                    data={PARAMETER_OPTIONS}
                    value={parameter}
                    allowDeselect={false}
                    onChange={(value) => value && choose(axis, value as SweepParameter)}
                    error={axis === 'columns' ? problems.columns : undefined}
                  />
                  <TextInput
                    label={`${SWEEP_PARAMETER_LABELS[parameter]}: values`}
                    description={`${UNIT_HINT[SWEEP_PARAMETER_UNITS[parameter]]}, separated by commas; at most ${MAX_SWEEP_VALUES}.`}
                    value={draft[valuesKey]}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setDraft((d) => ({ ...d, [valuesKey]: text }));
                    }}
                    error={problems[valuesKey]}
                  />
                </Stack>
              );
            })}
          </SimpleGrid>
          <Group>
            <Button type="submit" disabled={!reading?.ok || sweep.running} loading={sweep.running}>
              Run sweep
            </Button>
            {sweep.running && (
              <Button variant="default" onClick={() => void sweep.cancel()}>
                Stop sweep
              </Button>
            )}
          </Group>
          {request === null && (
            <Text size="sm" c="dimmed">
              Fix the backtest settings above to run a sweep.
            </Text>
          )}
          {sweep.running && (
            <Progress
              value={percent}
              aria-label={
                sweep.progress
                  ? `Sweep: ${sweep.progress.done} of ${sweep.progress.total} runs`
                  : 'Sweep: reading the history'
              }
              animated
              striped
            />
          )}
          {sweep.error !== null && (
            <Alert color="red" role="alert" title="The sweep did not finish">
              {sweep.error}
            </Alert>
          )}
        </Stack>
      </form>
      {result !== null && current !== null && (
        <>
          <Text size="sm" role="status">
            {sweepSummary(result)}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {METRICS.map((metric) => (
              <SweepTable key={metric} grid={sweepGrid(result, metric, current)} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
