// Holdings typed in by hand: a list with edit and remove, a form to add or edit one, and CSV import
// (all rows or none; a bad row is named by line and column) and export.
import {
  Alert,
  Button,
  FileButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import type { ManualHolding } from '../../../shared/portfolio';
import { useClient } from '../client-context';
import { formatQuantity } from '../portfolio/value-text';
import { downloadText } from '../ui/download';
import { DraftNumberInput } from '../ui/DraftNumberInput';
import {
  draftFromHolding,
  EMPTY_MANUAL_DRAFT,
  readManualDraft,
  type DraftField,
  type ManualDraft,
} from './manual-draft';
import { useManualHoldings } from './use-manual-holdings';
import { WideTable } from '../ui/WideTable';

export function ManualHoldings({
  holdings,
  onList,
}: {
  holdings: ManualHolding[];
  onList: (list: ManualHolding[]) => void;
}) {
  const client = useClient();
  const actions = useManualHoldings(client, onList);
  const [draft, setDraft] = useState<ManualDraft>(EMPTY_MANUAL_DRAFT);
  const [editing, setEditing] = useState<ManualHolding | null>(null);
  const [problems, setProblems] = useState<Partial<Record<DraftField, string>>>({});
  const firstField = useRef<HTMLInputElement>(null);
  // Cleared after each import, so the same file can be chosen again once it is fixed.
  const resetFile = useRef<() => void>(null);

  const set = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const startEdit = (h: ManualHolding) => {
    setEditing(h);
    setDraft(draftFromHolding(h));
    setProblems({});
    actions.clear();
    firstField.current?.focus();
  };

  const reset = () => {
    setEditing(null);
    setDraft(EMPTY_MANUAL_DRAFT);
    setProblems({});
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reading = readManualDraft(draft);
    if (!reading.ok) {
      setProblems(reading.problems);
      return;
    }
    const { input } = reading;
    const saved = editing
      ? await actions.run(`${input.asset} at ${input.where} was saved.`, (c) =>
          c.updateManualHolding({ id: editing.id, holding: input }),
        )
      : await actions.run(`${input.asset} at ${input.where} was added.`, (c) =>
          c.addManualHolding(input),
        );
    if (saved) reset();
  };

  const importFile = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    resetFile.current?.();
    await actions.run(`Imported the holdings in ${file.name}.`, (c) =>
      c.importManualHoldings(text),
    );
  };

  const exportFile = async () => {
    const csv = await actions.exportCsv();
    if (csv !== null) downloadText('premia-manual-holdings.csv', csv);
  };

  return (
    <Stack gap="sm">
      {holdings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No manual holdings. Add coins you keep elsewhere, such as a cold wallet.
        </Text>
      ) : (
        <WideTable minWidth={520} label="Manual holdings">
          <Table aria-label="Manual holdings" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Asset</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Amount
                </Table.Th>
                <Table.Th scope="col">Where</Table.Th>
                <Table.Th scope="col">Note</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holdings.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Th scope="row">{h.asset}</Table.Th>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                    {formatQuantity(h.amount)}
                  </Table.Td>
                  <Table.Td>{h.where}</Table.Td>
                  <Table.Td>{h.note}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => startEdit(h)}
                        aria-label={`Edit ${h.asset} at ${h.where}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        disabled={actions.busy}
                        onClick={() =>
                          void actions.run(`${h.asset} at ${h.where} was removed.`, (c) =>
                            c.removeManualHolding(h.id),
                          )
                        }
                        aria-label={`Remove ${h.asset} at ${h.where}`}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      <form
        onSubmit={(e) => void submit(e)}
        aria-label={editing ? 'Edit a manual holding' : 'Add a manual holding'}
        noValidate
      >
        <Stack gap="xs">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              ref={firstField}
              label="Asset"
              placeholder="BTC"
              value={draft.asset}
              onChange={(e) => set('asset')(e.currentTarget.value)}
              error={problems.asset}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              miw={120}
            />
            <DraftNumberInput
              label="Amount"
              value={draft.amount}
              onChange={set('amount')}
              error={problems.amount}
              step={0.1}
            />
            <TextInput
              label="Where"
              placeholder="Cold wallet"
              value={draft.where}
              onChange={(e) => set('where')(e.currentTarget.value)}
              error={problems.where}
              miw={160}
            />
          </Group>
          <TextInput
            label="Note"
            value={draft.note}
            onChange={(e) => set('note')(e.currentTarget.value)}
            error={problems.note}
          />
          <Group gap="xs">
            <Button type="submit" loading={actions.busy}>
              {editing ? 'Save holding' : 'Add holding'}
            </Button>
            {editing && (
              <Button variant="default" onClick={reset}>
                Cancel editing
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      <Group gap="xs">
        <FileButton
          onChange={(f) => void importFile(f)}
          accept=".csv,text/csv"
          resetRef={resetFile}
          inputProps={{ 'aria-label': 'CSV file of manual holdings' }}
        >
          {(props) => (
            <Button {...props} variant="default" disabled={actions.busy}>
              Import CSV
            </Button>
          )}
        </FileButton>
        <Button variant="default" onClick={() => void exportFile()}>
          Export manual holdings CSV
        </Button>
      </Group>
      {actions.error !== null && (
        <Alert color="red" title="Manual holdings were not changed" role="alert">
          {actions.error}
        </Alert>
      )}
      {actions.done !== null && (
        <Text size="sm" role="status">
          {actions.done}
        </Text>
      )}
    </Stack>
  );
}
