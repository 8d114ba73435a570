// Adding an exchange account. The key, secret and passphrase fields are uncontrolled: their text is
// read once at submit, sent to the host, and the fields are cleared once the account is added, so the
// secrets live only in the form's inputs while the user fills them.
import { Alert, Button, NativeSelect, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  ACCOUNT_ENVIRONMENT_LABELS,
  ACCOUNT_ENVIRONMENTS,
  type AccountTestResult,
} from '../../../shared/accounts';
import { EXCHANGE_NAMES, EXCHANGES, type ExchangeId } from '../../../shared/settings';
import { useClient } from '../client-context';
import {
  needsPassphrase,
  readAccountForm,
  type AccountFormField,
  type AccountFormFields,
} from './account-view';
import { useAction } from './use-accounts';

const text = (form: FormData, name: AccountFormField) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export function AddAccountForm({
  disabledReason,
  onAdded,
}: {
  /** Why an account cannot be added now (the vault is locked); null when it can. */
  disabledReason: string | null;
  onAdded: (result: AccountTestResult) => void;
}) {
  const client = useClient();
  const action = useAction();
  const [exchange, setExchange] = useState<ExchangeId>(EXCHANGES[0]);
  const [problems, setProblems] = useState<Partial<Record<AccountFormField, string>>>({});
  const [result, setResult] = useState<AccountTestResult | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const fields: AccountFormFields = {
      exchange: text(data, 'exchange'),
      label: text(data, 'label'),
      environment: text(data, 'environment'),
      apiKey: text(data, 'apiKey'),
      secret: text(data, 'secret'),
      passphrase: text(data, 'passphrase'),
    };
    const reading = readAccountForm(fields);
    if (!reading.ok) {
      setProblems(reading.problems);
      return;
    }
    setProblems({});
    setResult(null);
    const added = await action.run(() => client.addAccount(reading.input));
    if (added === null) return;
    for (const name of ['apiKey', 'secret', 'passphrase', 'label'] as const) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement) input.value = '';
    }
    setResult(added);
    onAdded(added);
  };

  const disabled = disabledReason !== null;
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Add an account" noValidate>
      <Stack gap="xs" maw={480}>
        {disabledReason !== null && (
          <Text size="sm" c="dimmed" data-testid="add-account-disabled">
            {disabledReason}
          </Text>
        )}
        <NativeSelect
          name="exchange"
          label="Exchange"
          value={exchange}
          onChange={(e) => setExchange(e.currentTarget.value as ExchangeId)}
          data={EXCHANGES.map((id) => ({ value: id, label: EXCHANGE_NAMES[id] }))}
          error={problems.exchange}
          disabled={disabled}
        />
        <TextInput
          name="label"
          label="Name"
          description="How the account is shown, such as Main or Binance testnet"
          error={problems.label}
          autoComplete="off"
          disabled={disabled}
        />
        <NativeSelect
          name="environment"
          label="Environment"
          defaultValue="live"
          data={ACCOUNT_ENVIRONMENTS.map((e) => ({
            value: e,
            label: ACCOUNT_ENVIRONMENT_LABELS[e],
          }))}
          error={problems.environment}
          disabled={disabled}
        />
        <PasswordInput
          name="apiKey"
          label="API key"
          error={problems.apiKey}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
        />
        <PasswordInput
          name="secret"
          label="API secret"
          error={problems.secret}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
        />
        {needsPassphrase(exchange) && (
          <PasswordInput
            name="passphrase"
            label="Key passphrase"
            error={problems.passphrase}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
          />
        )}
        <Button type="submit" loading={action.busy} disabled={disabled} w="fit-content">
          Add and test account
        </Button>
        {action.error !== null && (
          <Alert color="red" title="The account was not added" role="alert">
            {action.error}
          </Alert>
        )}
        {result !== null && (
          <Alert
            color={result.ok ? 'teal' : 'yellow'}
            title={
              result.ok
                ? `${result.account.label} was added`
                : `${result.account.label} was added, but its key test failed`
            }
            role="status"
          >
            {result.ok ? 'Its key works; holdings will sync shortly.' : result.problem}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
