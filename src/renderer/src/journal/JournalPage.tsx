// The journal: the orders still open on the venues (each to cancel), then every order and transfer
// Premia sent in its latest state, filtered, and exported as CSV for taxes.
import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState, type Ref } from 'react';
import { useClient } from '../client-context';
import { accountLabel } from '../holdings/holdings-rows';
import { usePortfolio } from '../portfolio/use-portfolio';
import { downloadText } from '../ui/download';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { shownError } from '../ui/shown-error';
import { journalCsvFilename, journalQuery, journalRows, NO_FILTERS } from './journal-rows';
import { JournalFiltersForm } from './JournalFiltersForm';
import { JournalTable } from './JournalTable';
import { OpenOrders } from './OpenOrders';
import { useJournal } from './use-journal';
import { useOpenOrders } from './use-open-orders';

export function JournalPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const { view: portfolio } = usePortfolio(client);
  const labelOf = useCallback(
    (id: string) => (portfolio === null ? id : accountLabel(portfolio, id)),
    [portfolio],
  );
  const [filters, setFilters] = useState(NO_FILTERS);
  const reading = journalQuery(filters);
  const journal = useJournal(client, reading.ok ? reading.query : null);
  const openOrders = useOpenOrders(client);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const entries = journal.view?.entries ?? null;
  const rows = useMemo(
    () => (entries === null ? [] : journalRows(entries, labelOf)),
    [entries, labelOf],
  );
  const accounts = useMemo(() => {
    const ids = new Set<string>(portfolio?.accounts.map((a) => a.id) ?? []);
    for (const e of entries ?? []) ids.add(e.account);
    if (filters.account !== null) ids.add(filters.account);
    return [...ids].map((id) => ({ value: id, label: labelOf(id) }));
  }, [portfolio, entries, filters.account, labelOf]);

  const changeFilters = (next: typeof filters) => {
    setFilters(next);
    journal.retry();
  };

  const exportCsv = () => {
    setExporting(true);
    setExportError(null);
    client.exportJournalCsv().then(
      (csv) => {
        downloadText(journalCsvFilename(Date.now()), csv);
        setExporting(false);
      },
      (e: unknown) => {
        setExportError(shownError(e).message);
        setExporting(false);
      },
    );
  };

  const filtered = reading.ok && Object.keys(reading.query).length > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Journal
        </Title>
        <Text c="dimmed" size="sm">
          Every order and transfer Premia sent, written down before it was sent, in its latest
          state; and the orders still open on your exchanges.
        </Text>
      </div>
      <Section
        title="Open orders"
        intro="Orders open on every account's exchange, whoever placed them."
      >
        <OpenOrders state={openOrders} accountLabel={labelOf} />
      </Section>
      <Section title="Entries" intro="One row per order or transfer, newest first.">
        <JournalFiltersForm
          filters={filters}
          onChange={changeFilters}
          accounts={accounts}
          problem={reading.ok ? null : reading.problem}
        />
        <Group gap="sm">
          <Button size="xs" variant="light" onClick={exportCsv} loading={exporting}>
            Export CSV
          </Button>
          <Text size="xs" c="dimmed">
            Every fill, for taxes: time, venue, symbol, side, amount, price, fee and plan.
          </Text>
        </Group>
        {exportError !== null && (
          <Alert color="red" title="The journal could not be exported" role="alert">
            {exportError}
          </Alert>
        )}
        {journal.error !== null && (
          <LoadErrorAlert
            title="The journal could not be loaded"
            message={journal.error}
            onRetry={journal.retry}
          />
        )}
        {journal.loading && entries === null && journal.error === null && (
          <Center py="md">
            <Loader aria-label="Loading the journal" />
          </Center>
        )}
        {entries !== null && rows.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="journal-empty">
            {filtered
              ? 'No entry matches these filters.'
              : 'Nothing yet: orders and transfers appear here once a plan is executed.'}
          </Text>
        )}
        {rows.length > 0 && <JournalTable rows={rows} />}
      </Section>
    </Stack>
  );
}
