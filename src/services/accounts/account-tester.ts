// What a key's permissions and the futures account's modes mean for Premia: whether it may only read
// (no spot and no futures trading), and plain warnings for what the user should know or change.
import type { AccountModes, KeyPermissions } from '../../shared/accounts';

export interface KeyAssessment {
  readOnly: boolean;
  warnings: string[];
}

export function assessKey(permissions: KeyPermissions, modes: AccountModes | null): KeyAssessment {
  const warnings: string[] = [];
  const readOnly = !permissions.spotTrading && !permissions.futuresTrading;
  if (readOnly) {
    warnings.push(
      'This key cannot trade: Premia will show its holdings and never send an order with it.',
    );
  } else if (!permissions.spotTrading) {
    warnings.push('This key cannot trade spot: plans that buy or sell spot cannot run on it.');
  } else if (!permissions.futuresTrading) {
    warnings.push('This key cannot trade futures: plans that hedge cannot run on it.');
  }
  if (permissions.withdrawals) {
    warnings.push(
      'This key can withdraw funds. Premia never withdraws: turn withdrawals off for the key on the exchange, so a stolen key cannot empty the account.',
    );
  }
  if (!readOnly && !permissions.universalTransfer) {
    warnings.push(
      'This key cannot move funds between the spot and futures wallets (universal transfer is off): plans cannot move collateral, so you would move it yourself.',
    );
  }
  if (modes?.positionMode === 'hedge') {
    warnings.push(
      'The futures account is in hedge mode, which Premia does not fit: switch it to one-way mode on the exchange.',
    );
  }
  if (modes?.multiAssetsMargin) {
    warnings.push(
      'The futures account is in Multi-Assets mode, which Premia does not fit: switch it to single-asset mode on the exchange.',
    );
  }
  return { readOnly, warnings };
}
