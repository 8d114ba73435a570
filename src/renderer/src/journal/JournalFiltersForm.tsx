// The journal's filters: plan id, account, asset, statuses and a range of days. Each change asks the
// host again; what cannot be asked as typed is said under the form.
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
import { JOURNAL_STATUSES } from '../../../shared/execution';
import { NO_FILTERS, STATUS_OPTIONS, type JournalFilters } from './journal-rows';

export function JournalFiltersForm({
  filters,
  onChange,
  accounts,
  problem,
}: {
  filters: JournalFilters;
  onChange: (next: JournalFilters) => void;
  accounts: { value: string; label: string }[];
  problem: string | null;
}) {
  const set = (change: Partial<JournalFilters>) => onChange({ ...filters, ...change });
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Journal filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <TextInput
          label="Plan id"
          value={filters.planId}
          onChange={(e) => set({ planId: e.currentTarget.value })}
          autoComplete="off"
          spellCheck={false}
        />
        <Select
          label="Account"
          placeholder="Every account"
          data={accounts}
          value={filters.account}
          onChange={(account) => set({ account })}
          clearable
        />
        <TextInput
          label="Asset"
          placeholder="Every asset"
          value={filters.asset}
          onChange={(e) => set({ asset: e.currentTarget.value })}
          autoComplete="off"
          spellCheck={false}
        />
        <MultiSelect
          label="Status"
          placeholder={filters.statuses.length === 0 ? 'Every status' : undefined}
          data={STATUS_OPTIONS}
          value={filters.statuses}
          onChange={(picked) =>
            set({ statuses: JOURNAL_STATUSES.filter((s) => picked.includes(s)) })
          }
          clearable
        />
        <TextInput
          label="From"
          type="date"
          value={filters.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Group justify="space-between">
        {problem !== null ? (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        ) : (
          <span />
        )}
        <Button size="xs" variant="subtle" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      </Group>
    </Stack>
  );
}
