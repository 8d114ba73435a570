import { Badge, Table, Text } from '@mantine/core';
import type { Regime } from '../../../shared/strategy';
import { formatWeight } from '../calculator/bucket-chart';
import { RegimeBadge } from '../ui/RegimeBadge';
import { Section } from '../ui/Section';
import type { SettingsDraft, WeightSetId } from './settings-draft';
import { thresholdsFromDraft, weightsFromDraft } from './settings-draft';
import { regimeRows } from './regime-table';
import { WideTable } from '../ui/WideTable';

function weightSetOf(regime: Regime, draft: SettingsDraft): WeightSetId {
  return regime === 'extreme-contango' ? `extreme-contango.${draft.policy.extremeAction}` : regime;
}

export function RegimeTableSection({ draft }: { draft: SettingsDraft }) {
  const thresholds = thresholdsFromDraft(draft);
  const historyMode = draft.thresholds.mode === 'history';
  return (
    <Section
      title="Regimes at a glance"
      intro={
        historyMode
          ? 'Drawn from the fixed levels as edited; in history mode each asset uses its own levels.'
          : 'Drawn from the thresholds and policy as edited, before they are saved.'
      }
    >
      {thresholds === null ? (
        <Text c="red" size="sm">
          The table returns once the thresholds above are valid.
        </Text>
      ) : (
        <WideTable minWidth={640} label="Regime table">
          <Table striped withTableBorder verticalSpacing="xs" aria-label="Regime table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Annualized premium</Table.Th>
                <Table.Th scope="col">Regime</Table.Th>
                <Table.Th scope="col">Recommended action</Table.Th>
                <Table.Th scope="col">Target weights (spot / hedged / stable)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {regimeRows(
                thresholds,
                (regime) => weightsFromDraft(draft, weightSetOf(regime, draft)),
                draft.policy.extremeAction,
              ).map((row) => (
                <Table.Tr key={row.regime}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.range}</Table.Td>
                  <Table.Td>
                    <RegimeBadge regime={row.regime} />
                  </Table.Td>
                  <Table.Td>{row.action}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {row.weights === null ? (
                      <Badge color="red" variant="light">
                        Invalid weights
                      </Badge>
                    ) : (
                      `${formatWeight(row.weights.spot)} / ${formatWeight(row.weights.hedged)} / ${formatWeight(row.weights.stable)}`
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Section>
  );
}
