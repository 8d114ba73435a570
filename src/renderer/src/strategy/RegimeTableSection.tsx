import { Badge, Table, Text } from '@mantine/core';
import type { Regime } from '../../../shared/strategy';
import { formatWeight } from '../calculator/bucket-chart';
import { RegimeBadge } from '../ui/RegimeBadge';
import { Section } from '../ui/Section';
import { WideTable } from '../ui/WideTable';
import type { AssetLevels } from './asset-levels';
import { regimeRanges, regimeRows } from './regime-table';
import type { SettingsDraft, WeightSetId } from './settings-draft';
import { thresholdsFromDraft, weightsFromDraft } from './settings-draft';

function weightSetOf(regime: Regime, draft: SettingsDraft): WeightSetId {
  return regime === 'extreme-contango' ? `extreme-contango.${draft.policy.extremeAction}` : regime;
}

const SOURCE_NOTE: Record<AssetLevels['source'], string> = {
  history: 'from its history',
  fixed: 'fixed: too little history',
  pending: 'reading its history…',
};

export interface RegimeTableSectionProps {
  draft: SettingsDraft;
  /** In history mode, each tracked asset's levels as the form stands; null in fixed mode. */
  assetLevels: AssetLevels[] | null;
}

export function RegimeTableSection({ draft, assetLevels }: RegimeTableSectionProps) {
  const thresholds = thresholdsFromDraft(draft);
  const perAsset = assetLevels !== null && assetLevels.length > 0 ? assetLevels : null;
  const ranges = perAsset?.map((levels) => regimeRanges(levels.thresholds)) ?? [];
  return (
    <Section
      title="Regimes at a glance"
      intro={
        perAsset
          ? "Each asset's premium ranges from its own history, with the multiples as edited; an asset whose history is too short uses the fixed levels."
          : 'Drawn from the thresholds and policy as edited, before they are saved.'
      }
    >
      {thresholds === null ? (
        <Text c="red" size="sm">
          The table returns once the thresholds above are valid.
        </Text>
      ) : (
        <WideTable minWidth={perAsset ? 480 + 170 * perAsset.length : 640} label="Regime table">
          <Table striped withTableBorder verticalSpacing="xs" aria-label="Regime table">
            <Table.Thead>
              <Table.Tr>
                {perAsset ? (
                  <Table.Th scope="col">Regime</Table.Th>
                ) : (
                  <Table.Th scope="col">Annualized premium</Table.Th>
                )}
                {perAsset?.map((levels) => (
                  <Table.Th scope="col" key={levels.asset}>
                    {levels.asset} premium
                    <Text component="span" display="block" size="xs" c="dimmed" fw={400}>
                      {SOURCE_NOTE[levels.source]}
                    </Text>
                  </Table.Th>
                ))}
                {!perAsset && <Table.Th scope="col">Regime</Table.Th>}
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
                  {perAsset ? (
                    <Table.Td>
                      <RegimeBadge regime={row.regime} />
                    </Table.Td>
                  ) : (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.range}</Table.Td>
                  )}
                  {perAsset?.map((levels, i) => (
                    <Table.Td key={levels.asset} style={{ whiteSpace: 'nowrap' }}>
                      {ranges[i]?.[row.regime]}
                    </Table.Td>
                  ))}
                  {!perAsset && (
                    <Table.Td>
                      <RegimeBadge regime={row.regime} />
                    </Table.Td>
                  )}
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
