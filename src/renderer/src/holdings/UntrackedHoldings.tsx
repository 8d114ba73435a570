// Coins held that the strategy does not track, each with a button to track it. A custom asset mix is
// never changed silently: the same question as on the Markets page is asked first.
import { Alert, Button, Table, Text } from '@mantine/core';
import { formatPrice, MISSING } from '../../../core/format';
import type { UntrackedHolding } from '../../../shared/portfolio';
import { MixQuestionPrompt } from '../markets/TrackedAssetsControls';
import type { TrackedAssetsEditor } from '../markets/use-tracked-assets';
import { formatQuantity } from '../portfolio/value-text';
import { WideTable } from '../ui/WideTable';

const NUMERIC = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function UntrackedHoldings({
  untracked,
  editor,
  canTrack,
}: {
  untracked: UntrackedHolding[];
  editor: TrackedAssetsEditor;
  canTrack: boolean;
}) {
  if (untracked.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Every coin you hold is tracked or is a stablecoin.
      </Text>
    );
  }
  return (
    <>
      <WideTable minWidth={420} label="Untracked holdings">
        <Table aria-label="Coins not in the strategy" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Asset</Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Quantity
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                Value (USDT)
              </Table.Th>
              <Table.Th scope="col">Strategy</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {untracked.map((u) => (
              <Table.Tr key={u.asset}>
                <Table.Th scope="row">{u.asset}</Table.Th>
                <Table.Td style={NUMERIC}>{formatQuantity(u.quantity)}</Table.Td>
                <Table.Td style={NUMERIC}>
                  {u.value === null ? MISSING : formatPrice(u.value, 2)}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => editor.track(u.asset)}
                    disabled={!canTrack || editor.busy}
                    aria-label={`Track ${u.asset}`}
                  >
                    Track
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {editor.addError !== null && (
        <Alert color="red" title="The asset was not tracked" role="alert">
          {editor.addError}
        </Alert>
      )}
      {editor.question && (
        <MixQuestionPrompt
          question={editor.question}
          onChoose={editor.choose}
          onCancel={editor.cancel}
          busy={editor.busy}
        />
      )}
    </>
  );
}
