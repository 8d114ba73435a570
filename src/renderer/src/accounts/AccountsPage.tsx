// Exchange accounts and the key vault that holds their secrets.
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useRef, type Ref } from 'react';
import { useClient } from '../client-context';
import { LoadErrorAlert } from '../ui/LoadErrorAlert';
import { Section } from '../ui/Section';
import { AccountList } from './AccountList';
import { AddAccountForm } from './AddAccountForm';
import { useAccountList, useVaultStatus } from './use-accounts';
import { VaultSection } from './VaultSection';

export function AccountsPage({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const client = useClient();
  const vault = useVaultStatus(client);
  const list = useAccountList(client);
  const listHeading = useRef<HTMLParagraphElement>(null);

  const addBlocked =
    vault.status === null
      ? 'The vault’s state is not known yet.'
      : vault.status.state === 'absent'
        ? 'Create the vault first: it keeps the key and secret encrypted on this machine.'
        : vault.status.state === 'locked'
          ? 'Unlock the vault first: the key and secret are saved in it.'
          : null;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} ref={headingRef} tabIndex={-1}>
          Accounts
        </Title>
        <Text c="dimmed" size="sm">
          Your exchange accounts, and the vault that keeps their keys on this machine.
        </Text>
      </div>
      <Section title="Key vault">
        {vault.error !== null && (
          <LoadErrorAlert
            title="The vault could not be read"
            message={vault.error}
            onRetry={vault.retry}
          />
        )}
        {vault.loading && vault.status === null && vault.error === null && (
          <Center>
            <Loader size="sm" aria-label="Loading the vault" />
          </Center>
        )}
        {vault.status && <VaultSection status={vault.status} onStatus={vault.accept} />}
      </Section>
      <Section title="Exchange accounts">
        <Text size="sm" c="dimmed" ref={listHeading} tabIndex={-1}>
          Keys need read access; trading and transfers let Premia carry out a plan. Withdrawals are
          never needed.
        </Text>
        {list.error !== null && (
          <LoadErrorAlert
            title="Accounts could not be loaded"
            message={list.error}
            onRetry={list.retry}
          />
        )}
        {list.loading && list.accounts === null && list.error === null && (
          <Center>
            <Loader size="sm" aria-label="Loading accounts" />
          </Center>
        )}
        {list.accounts && (
          <AccountList
            accounts={list.accounts}
            onTested={({ account }) =>
              list.accept((held) => (held ?? []).map((a) => (a.id === account.id ? account : a)))
            }
            onRemoved={(left) => {
              list.accept(left);
              listHeading.current?.focus();
            }}
          />
        )}
      </Section>
      <Section title="Add an account">
        <AddAccountForm
          disabledReason={addBlocked}
          onAdded={({ account }) =>
            list.accept((held) => [...(held ?? []).filter((a) => a.id !== account.id), account])
          }
        />
      </Section>
    </Stack>
  );
}
