// The exchange accounts: venue, name, environment, what the key may do, warnings, last sync, and
// buttons to test or remove each. Removing asks first, since it deletes the account's secrets.
import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AccountMeta, AccountTestResult } from '../../../shared/accounts';
import { useClient } from '../client-context';
import { useNow } from '../markets/use-market-data';
import { accountSummary, demoSetAsideNote, permissionBadges } from './account-view';
import { useAction } from './use-accounts';

const TONE_COLORS = { ok: 'teal', warn: 'red', off: 'gray' } as const;

export function AccountList({
  accounts,
  onTested,
  onRemoved,
}: {
  accounts: AccountMeta[];
  onTested: (result: AccountTestResult) => void;
  /** Called with the accounts left; the caller moves focus, since the removed card is gone. */
  onRemoved: (left: AccountMeta[]) => void;
}) {
  const client = useClient();
  const now = useNow(10_000);
  const action = useAction();
  const [confirming, setConfirming] = useState<AccountMeta | null>(null);
  const [tested, setTested] = useState<AccountTestResult | null>(null);

  const test = async (a: AccountMeta) => {
    setTested(null);
    const result = await action.run(() => client.testAccount(a.id));
    if (result) {
      setTested(result);
      onTested(result);
    }
  };

  const remove = async () => {
    if (!confirming) return;
    const left = await action.run(() => client.removeAccount(confirming.id));
    setConfirming(null);
    if (left) onRemoved(left);
  };

  if (accounts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No exchange accounts yet.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {accounts.map((a) => {
        const s = accountSummary(a, now);
        return (
          <Paper
            key={a.id}
            withBorder
            p="sm"
            radius="md"
            component="article"
            aria-label={`${s.title} on ${s.venue}`}
            data-testid="account"
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs">
                  <Text fw={700}>{s.title}</Text>
                  <Text size="sm" c="dimmed">
                    {s.venue} · {s.environment}
                  </Text>
                  {s.readOnly && (
                    <Badge color="gray" variant="outline" tt="none">
                      Read-only
                    </Badge>
                  )}
                  {a.demo && (
                    <Badge color="grape" tt="none">
                      Demo
                    </Badge>
                  )}
                </Group>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => void test(a)}
                    loading={action.busy}
                    aria-label={`Test ${s.title}`}
                  >
                    Test
                  </Button>
                  {!a.demo && (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => setConfirming(a)}
                      aria-label={`Remove ${s.title}`}
                    >
                      Remove
                    </Button>
                  )}
                </Group>
              </Group>
              {demoSetAsideNote(a, accounts) !== null && (
                <Text size="sm" c="dimmed" data-testid="demo-set-aside">
                  {demoSetAsideNote(a, accounts)}
                </Text>
              )}
              <Group gap={4} aria-label="Key permissions" role="list">
                {permissionBadges(a.permissions, a.testedAt).map((b) => (
                  <Badge
                    key={b.label}
                    role="listitem"
                    color={TONE_COLORS[b.tone]}
                    variant="light"
                    tt="none"
                  >
                    {b.label}
                  </Badge>
                ))}
              </Group>
              <Text size="xs" c="dimmed">
                {s.synced}, {s.tested}
              </Text>
              {a.warnings.length > 0 && (
                <List size="sm" c="orange" aria-label={`Warnings about ${s.title}`}>
                  {a.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Paper>
        );
      })}
      {action.error !== null && (
        <Alert color="red" title="The account was not changed" role="alert">
          {action.error}
        </Alert>
      )}
      {tested !== null && (
        <Alert
          color={tested.ok ? 'teal' : 'yellow'}
          role="status"
          title={
            tested.ok
              ? `${tested.account.label}: the key works`
              : `${tested.account.label}: the key test failed`
          }
        >
          {tested.ok ? 'Permissions and modes were read again.' : tested.problem}
        </Alert>
      )}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `Remove ${confirming.label}?` : ''}
        closeButtonProps={{ 'aria-label': 'Close without removing' }}
      >
        <Stack gap="sm">
          <Text size="sm">
            The account and its key, secret and passphrase are deleted from this machine. Nothing
            changes on the exchange; you can add the account again with its key.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
            <Button color="red" onClick={() => void remove()} loading={action.busy}>
              Remove account
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
