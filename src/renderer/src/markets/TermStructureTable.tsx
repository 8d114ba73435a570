// The term structure's figures, one row per contract under the venue's own name: days left, price,
// basis in dollars and percent, annualized simple and compounded, and whether it feeds the signal.
import { Table, Text } from '@mantine/core';
import { formatPercent, formatPrice } from '../../../core/format';
import type { AssetSnapshot } from '../../../shared/market';
import { termStructureRows } from './term-structure-rows';
import { formatDate, formatDays } from './time-text';
import { WideTable } from '../ui/WideTable';

const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

export function TermStructureTable({ asset }: { asset: AssetSnapshot }) {
  const rows = termStructureRows(asset);
  return (
    <WideTable minWidth={760} label={`${asset.asset} term structure`}>
      <Table withTableBorder verticalSpacing={4} fz="sm" captionSide="top">
        <Table.Caption ta="left">{asset.asset} term structure</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Contract</Table.Th>
            <Table.Th scope="col">Expiry</Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Days to expiry
            </Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Price
            </Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Basis ($)
            </Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Basis (%)
            </Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Annualized, simple
            </Table.Th>
            <Table.Th scope="col" style={NUMBER}>
              Annualized, compounded
            </Table.Th>
            <Table.Th scope="col">Signal</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Text size="sm" c="dimmed">
                  No perpetual or dated future listed.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((r) => (
            <Table.Tr key={r.contract}>
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {r.kind === 'perp' ? `${r.contract} (perp)` : r.contract}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {r.expiry === null ? 'none' : formatDate(r.expiry)}
              </Table.Td>
              <Table.Td style={NUMBER}>{r.kind === 'perp' ? '0' : formatDays(r.days)}</Table.Td>
              <Table.Td style={NUMBER}>{formatPrice(r.price)}</Table.Td>
              <Table.Td style={NUMBER}>{formatPrice(r.basisDollars)}</Table.Td>
              <Table.Td style={NUMBER}>{formatPercent(r.basisFraction, 3)}</Table.Td>
              <Table.Td style={NUMBER}>
                {formatPercent(r.simple)}
                {r.kind === 'perp' && ' (funding)'}
              </Table.Td>
              <Table.Td style={NUMBER}>
                {formatPercent(r.compounded)}
                {r.kind === 'perp' && ' (funding)'}
              </Table.Td>
              <Table.Td>{r.inSignal ? 'eligible' : 'too near expiry'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
