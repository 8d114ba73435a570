// A plan's transfer between one account's spot and futures wallets: journaled like an order under the
// client id of (plan, step, 0) before it is sent, sent once and never again. A lost answer leaves it
// failed with what to check: the transfer may or may not have happened, which only the wallets say.
import { clientOrderIdFor } from '../../core/client-order-id';
import type { TransferStep } from '../../shared/plan';
import { GatewayError } from '../gateway';
import { intentRecord } from './journal-record';
import { changeOf } from './order-follow';
import { stepDone, type StepEnv, type StepResult } from './step-env';
import { formatAmount, messageOf } from './step-words';

export async function runTransferStep(env: StepEnv, step: TransferStep): Promise<StepResult> {
  const what = `${formatAmount(step.amount)} ${step.asset} from the ${step.from} wallet to the ${step.to} wallet`;
  env.progress.update(step.step, { state: 'working' });
  const intent = intentRecord({
    kind: 'transfer',
    clientOrderId: clientOrderIdFor({ planId: env.plan.id, step: step.step, attempt: 0 }),
    planId: env.plan.id,
    step: step.step,
    attempt: 0,
    pair: step.pair,
    account: step.account,
    exchange: env.gateway.exchange,
    asset: step.asset,
    symbol: null,
    side: null,
    from: step.from,
    to: step.to,
    amount: step.amount,
  });
  const fail = (message: string, result: StepResult): StepResult => {
    env.progress.update(step.step, { state: 'failed', message });
    return result;
  };
  let entry;
  try {
    entry = (await env.journal.append(intent)).entry;
  } catch (error) {
    const problem = messageOf(error);
    return fail(`Not sent: ${problem}`, {
      carryOn: false,
      problem: `The transfer of ${what} was not sent: ${problem}`,
      nextSteps: ['Make a new plan once the journal can be written again.'],
    });
  }
  try {
    const done = await env.gateway.transfer(step.asset, step.amount, step.from, step.to);
    await env.journal.append(
      changeOf(entry, { status: 'filled', live: false, filled: step.amount, orderId: done.id }),
    );
    env.progress.update(step.step, { state: 'done', filled: step.amount });
    return stepDone;
  } catch (error) {
    const problem = messageOf(error);
    const unknown = !(error instanceof GatewayError) || error.outcomeUnknown;
    const reason = unknown
      ? `${problem} Check both wallets' ${step.asset} balances on ${env.accountLabel}: it is not sent again.`
      : problem;
    await env.journal
      .append(changeOf(entry, { status: 'failed', live: false, reason: reason.slice(0, 1000) }))
      .catch((journalError: unknown) =>
        env.logger.error(
          `journal: transfer ${entry.clientOrderId} failure not recorded: ${messageOf(journalError)}`,
        ),
      );
    return fail(reason, {
      carryOn: false,
      problem: `The transfer of ${what} ${unknown ? 'may or may not have happened' : 'was refused'}: ${problem}`,
      nextSteps: unknown
        ? [
            `Check the ${step.asset} balances of both wallets on ${env.accountLabel}: the transfer may have happened.`,
            'Make a new plan once they are known.',
          ]
        : ['Make a new plan: the steps after this transfer were not executed.'],
    });
  }
}
