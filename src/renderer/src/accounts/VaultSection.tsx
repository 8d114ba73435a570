// The key vault: create it, unlock and lock it, change its passphrase, or reset it (deleting every
// exchange secret and nothing else). Passphrase fields are uncontrolled and emptied after each submit.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/accounts';
import { useClient } from '../client-context';
import { useNow } from '../markets/use-market-data';
import { useAction } from './use-accounts';
import {
  readVaultChange,
  readVaultCreate,
  readVaultUnlock,
  resetConfirmed,
  vaultStateText,
} from './vault-forms';

function take(form: HTMLFormElement, name: string): string {
  const input = form.elements.namedItem(name);
  return input instanceof HTMLInputElement ? input.value : '';
}

function emptyPasswords(form: HTMLFormElement): void {
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.type === 'password') el.value = '';
  }
}

function checked(form: HTMLFormElement, name: string): boolean {
  const input = form.elements.namedItem(name);
  return input instanceof HTMLInputElement && input.checked;
}

export function VaultSection({
  status,
  onStatus,
}: {
  status: VaultStatus;
  onStatus: (status: VaultStatus) => void;
}) {
  const now = useNow(1_000);
  return (
    <Stack gap="md">
      <Text size="sm" role="status" data-testid="vault-state">
        {vaultStateText(status, now)}
      </Text>
      {status.state === 'absent' && <CreateVault status={status} onStatus={onStatus} />}
      {status.state === 'locked' && <UnlockVault status={status} onStatus={onStatus} />}
      {status.state === 'unlocked' && (
        <>
          <LockVault onStatus={onStatus} />
          <ChangePassphrase onStatus={onStatus} />
        </>
      )}
      {status.state !== 'absent' && <ResetVault onStatus={onStatus} />}
    </Stack>
  );
}

type Props = { onStatus: (status: VaultStatus) => void };

function Refusal({ error, title }: { error: string | null; title: string }) {
  if (error === null) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {error}
    </Alert>
  );
}

function RememberChoice({ status }: { status: VaultStatus }) {
  if (status.remember.available) {
    return (
      <Checkbox
        name="remember"
        label="Remember on this device"
        description="Unlocks by itself when Premia starts, with the system's own key store"
      />
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid="remember-unavailable">
      Remembering the vault on this device is not offered
      {status.remember.reason ? `: ${status.remember.reason}` : '.'}
    </Text>
  );
}

function CreateVault({ status, onStatus }: Props & { status: VaultStatus }) {
  const client = useClient();
  const action = useAction();
  const [problems, setProblems] = useState<{ passphrase?: string; repeat?: string }>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const reading = readVaultCreate(
      take(form, 'passphrase'),
      take(form, 'repeat'),
      checked(form, 'remember'),
    );
    if (!reading.ok) {
      setProblems(reading.problems);
      return;
    }
    setProblems({});
    const next = await action.run(() => client.createVault(reading.input));
    emptyPasswords(form);
    if (next) onStatus(next);
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Create the vault" noValidate>
      <Stack gap="xs" maw={420}>
        <PasswordInput
          name="passphrase"
          label="New passphrase"
          error={problems.passphrase}
          autoComplete="new-password"
        />
        <PasswordInput
          name="repeat"
          label="Repeat the passphrase"
          error={problems.repeat}
          autoComplete="new-password"
        />
        <RememberChoice status={status} />
        <Button type="submit" loading={action.busy} w="fit-content">
          Create vault
        </Button>
        <Refusal error={action.error} title="The vault was not created" />
      </Stack>
    </form>
  );
}

function UnlockVault({ status, onStatus }: Props & { status: VaultStatus }) {
  const client = useClient();
  const action = useAction();
  const [problem, setProblem] = useState<string | undefined>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const reading = readVaultUnlock(take(form, 'passphrase'), checked(form, 'remember'));
    if (!reading.ok) {
      setProblem(reading.problems.passphrase);
      return;
    }
    setProblem(undefined);
    const next = await action.run(() => client.unlockVault(reading.input));
    emptyPasswords(form);
    if (next) onStatus(next);
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Unlock the vault" noValidate>
      <Stack gap="xs" maw={420}>
        <PasswordInput
          name="passphrase"
          label="Passphrase"
          error={problem}
          autoComplete="current-password"
        />
        <RememberChoice status={status} />
        <Button type="submit" loading={action.busy} w="fit-content">
          Unlock
        </Button>
        <Refusal error={action.error} title="The vault was not unlocked" />
      </Stack>
    </form>
  );
}

function LockVault({ onStatus }: Props) {
  const client = useClient();
  const action = useAction();
  const lock = async () => {
    const next = await action.run(() => client.lockVault());
    if (next) onStatus(next);
  };
  return (
    <Stack gap="xs">
      <Button onClick={() => void lock()} loading={action.busy} w="fit-content" variant="default">
        Lock vault
      </Button>
      <Refusal error={action.error} title="The vault was not locked" />
    </Stack>
  );
}

function ChangePassphrase({ onStatus }: Props) {
  const client = useClient();
  const action = useAction();
  const [problems, setProblems] = useState<{ current?: string; next?: string; repeat?: string }>(
    {},
  );
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setDone(false);
    const reading = readVaultChange(
      take(form, 'current'),
      take(form, 'next'),
      take(form, 'repeat'),
    );
    if (!reading.ok) {
      setProblems(reading.problems);
      return;
    }
    setProblems({});
    const next = await action.run(() => client.changeVaultPassphrase(reading.input));
    emptyPasswords(form);
    if (next) {
      setDone(true);
      onStatus(next);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Change the passphrase" noValidate>
      <Stack gap="xs" maw={420}>
        <Text fw={600} size="sm">
          Change the passphrase
        </Text>
        <PasswordInput
          name="current"
          label="Current passphrase"
          error={problems.current}
          autoComplete="current-password"
        />
        <PasswordInput
          name="next"
          label="New passphrase"
          error={problems.next}
          autoComplete="new-password"
        />
        <PasswordInput
          name="repeat"
          label="Repeat the new passphrase"
          error={problems.repeat}
          autoComplete="new-password"
        />
        <Button type="submit" loading={action.busy} w="fit-content" variant="default">
          Change passphrase
        </Button>
        <Refusal error={action.error} title="The passphrase was not changed" />
        {done && (
          <Text size="sm" role="status">
            The passphrase was changed; every secret is now encrypted with the new one.
          </Text>
        )}
      </Stack>
    </form>
  );
}

function ResetVault({ onStatus }: Props) {
  const client = useClient();
  const action = useAction();
  // The confirmation word is no secret, so it may live in state to enable the button.
  const [typed, setTyped] = useState('');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!resetConfirmed(typed)) return;
    const next = await action.run(() => client.resetVault({ confirm: 'reset' }));
    if (next) {
      setTyped('');
      onStatus(next);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Reset the vault" noValidate>
      <Stack gap="xs" maw={420}>
        <Text fw={600} size="sm">
          Forgot the passphrase?
        </Text>
        <Text size="sm">
          Resetting the vault deletes every exchange secret kept in it. Accounts, manual holdings,
          settings and history are kept; each account needs its key and secret again.
        </Text>
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Type reset to confirm"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <Button type="submit" color="red" disabled={!resetConfirmed(typed)} loading={action.busy}>
            Reset vault
          </Button>
        </Group>
        <Refusal error={action.error} title="The vault was not reset" />
      </Stack>
    </form>
  );
}
