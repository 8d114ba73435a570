// The backtest's settings: assets, window, costs, and the policy from the saved settings, editable
// here for this backtest only.
import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { REBALANCE_RULES, type RebalanceRule } from '../../../shared/backtest';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import { LabeledSegments } from '../ui/LabeledSegments';
import type { BacktestDraft, DraftProblems } from './backtest-form';

const RULE_LABELS: Record<RebalanceRule, string> = {
  'regime-and-monthly': 'On a regime change and each month',
  'drift-band': 'When a bucket leaves its drift band',
  monthly: 'Each month only',
};

export interface BacktestFormProps {
  draft: BacktestDraft;
  onChange: (change: Partial<BacktestDraft>) => void;
  problems: DraftProblems;
  tracked: readonly string[];
  /** The assets of the user's files when the backtest runs on them (no choice then), else null. */
  assetsFromFiles: readonly string[] | null;
  /** Whether the policy fields differ from the saved settings. */
  edited: boolean;
  onReset: () => void;
}

export function BacktestForm({
  draft,
  onChange,
  problems,
  tracked,
  assetsFromFiles,
  edited,
  onReset,
}: BacktestFormProps) {
  const fixed = draft.thresholdMode === 'fixed';
  return (
    <Stack gap="sm">
      {assetsFromFiles === null ? (
        <MultiSelect
          label="Assets"
          description="Tracked assets; shares follow your mix, rescaled to those chosen."
          data={[...new Set([...tracked, ...draft.assets])]}
          value={draft.assets}
          onChange={(assets) => onChange({ assets })}
          error={problems.assets}
          clearable
        />
      ) : (
        <Text size="sm">
          <Text span fw={600}>
            Assets:
          </Text>{' '}
          {assetsFromFiles.length > 0 ? assetsFromFiles.join(', ') : 'none yet'}, from your files.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="From"
          description="Empty: from the start of the history."
          type="date"
          value={draft.from}
          onChange={(e) => onChange({ from: e.currentTarget.value })}
          error={problems.from}
        />
        <TextInput
          label="To"
          description="Empty: to the last stored day."
          type="date"
          value={draft.to}
          onChange={(e) => onChange({ to: e.currentTarget.value })}
          error={problems.to}
        />
        <DraftNumberInput
          label="Fee per trade"
          unit="%"
          step={0.01}
          value={draft.feePercent}
          onChange={(feePercent) => onChange({ feePercent })}
          error={problems.feePercent}
        />
        <DraftNumberInput
          label="Slippage per trade"
          unit="%"
          step={0.01}
          value={draft.slippagePercent}
          onChange={(slippagePercent) => onChange({ slippagePercent })}
          error={problems.slippagePercent}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          Policy
        </Text>
        <Text size="xs" c="dimmed">
          From your settings. Changes here apply to this backtest only; your saved settings stay as
          they are. The signal here is averaged funding alone: no venue keeps years of dated-futures
          prices, so the basis the live app may weigh in cannot be replayed.
        </Text>
      </Stack>
      <LabeledSegments
        label="Thresholds"
        value={draft.thresholdMode}
        data={[
          { value: 'fixed', label: 'Fixed' },
          { value: 'history', label: 'From history' },
        ]}
        onChange={(thresholdMode) => onChange({ thresholdMode })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {fixed ? (
          <>
            <DraftNumberInput
              label="Moderate contango from"
              description="Annualized premium."
              unit="%"
              step={0.5}
              value={draft.moderateFrom}
              onChange={(moderateFrom) => onChange({ moderateFrom })}
              error={problems.moderateFrom}
            />
            <DraftNumberInput
              label="Extreme contango above"
              description="Annualized premium."
              unit="%"
              step={0.5}
              value={draft.extremeAbove}
              onChange={(extremeAbove) => onChange({ extremeAbove })}
              error={problems.extremeAbove}
            />
          </>
        ) : (
          <>
            <DraftNumberInput
              label="Moderate contango from (k)"
              description="Standard deviations above the trailing year's mean."
              step={0.1}
              value={draft.kModerate}
              onChange={(kModerate) => onChange({ kModerate })}
              error={problems.kModerate}
            />
            <DraftNumberInput
              label="Extreme contango above (k)"
              description="Standard deviations above the trailing year's mean."
              step={0.1}
              value={draft.kExtreme}
              onChange={(kExtreme) => onChange({ kExtreme })}
              error={problems.kExtreme}
            />
          </>
        )}
        <DraftNumberInput
          label="Averaging window"
          description="Days of funding the signal averages."
          unit="days"
          value={draft.averagingWindowDays}
          onChange={(averagingWindowDays) => onChange({ averagingWindowDays })}
          error={problems.averagingWindowDays}
        />
        <Select
          label="Rebalance"
          data={REBALANCE_RULES.map((value) => ({ value, label: RULE_LABELS[value] }))}
          value={draft.rule}
          onChange={(rule) => {
            const chosen = REBALANCE_RULES.find((r) => r === rule);
            if (chosen) onChange({ rule: chosen });
          }}
          allowDeselect={false}
          error={problems.rule}
        />
      </SimpleGrid>
      <Group>
        <Button variant="default" onClick={onReset} disabled={!edited}>
          Reset to my settings
        </Button>
      </Group>
    </Stack>
  );
}
