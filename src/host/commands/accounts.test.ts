import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewAccount, VaultStatus } from '../../shared/accounts';
import type { PremiaApi } from '../../shared/api';
import { runCli } from '../run-cli';
import { capturedIo, scriptedPrompt } from '../test-io';
import { againstRunningApp, refuseToOpen, servicesOver } from '../test-session';
import { LOCKED_VAULT, sampleAccount } from '../test-portfolio';
import { createAccountsCommand } from './accounts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-accounts-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const mint = () => randomBytes(24).toString('hex');

/** A vault that unlocks with `passphrase` and an API that records the account added. */
function vaultAndAccounts(passphrase: string) {
  let vault: VaultStatus = LOCKED_VAULT;
  const added: NewAccount[] = [];
  const api: Partial<PremiaApi> = {
    getVaultStatus: async () => vault,
    unlockVault: async (input) => {
      if (input.passphrase !== passphrase) throw new Error('wrong passphrase');
      vault = { ...vault, state: 'unlocked' };
      return vault;
    },
    addAccount: async (input) => {
      if (vault.state !== 'unlocked') throw new Error('locked');
      added.push(input);
      return {
        ok: true,
        problem: null,
        account: sampleAccount({
          label: input.label,
          warnings: ['This key may withdraw funds: make one without that right.'],
        }),
      };
    },
  };
  return { api, added };
}

/** `premia accounts add` for a binance account with this label in this environment. */
function addArgs(label: string, environment: string): string[] {
  return [
    'accounts',
    'add',
    '--exchange',
    'binance',
    '--label',
    label,
    '--environment',
    environment,
  ];
}

describe('premia accounts', () => {
  it('adds an account with the key typed at the terminal, unlocking the vault first, and never prints a secret', async () => {
    const [passphrase, apiKey, secret] = [mint(), mint(), mint()];
    const { api, added } = vaultAndAccounts(passphrase);
    const state = { closed: 0 };
    const prompt = scriptedPrompt([passphrase, apiKey, secret]);
    const out = capturedIo(undefined, prompt);
    const args = addArgs('Main', 'live');
    const code = await runCli([...args, '--data-dir', dir], out, [
      createAccountsCommand({ open: servicesOver(api, state) }),
    ]);
    expect(out.err).toEqual([]);
    expect(code).toBe(0);
    expect(prompt.asked).toEqual(['Vault passphrase: ', 'API key: ', 'API secret: ']);
    expect(added).toEqual([
      { exchange: 'binance', label: 'Main', environment: 'live', apiKey, secret },
    ]);
    expect(out.out).toContain('Key may: read, spot, futures (IP-restricted)');
    expect(out.out).toContain('Read-only: no');
    expect(out.out).toContain('Warning: This key may withdraw funds: make one without that right.');
    const printed = [...out.out, ...out.err].join('\n');
    for (const s of [passphrase, apiKey, secret]) expect(printed).not.toContain(s);
    expect(state.closed).toBe(1);
  });

  it('takes the key and secret from PREMIA_API_KEY and PREMIA_API_SECRET', async () => {
    const [passphrase, apiKey, secret] = [mint(), mint(), mint()];
    vi.stubEnv('PREMIA_PASSPHRASE', passphrase);
    vi.stubEnv('PREMIA_API_KEY', apiKey);
    vi.stubEnv('PREMIA_API_SECRET', secret);
    const { api, added } = vaultAndAccounts(passphrase);
    const out = capturedIo();
    const args = addArgs('Bot', 'testnet');
    expect(
      await runCli([...args, '--data-dir', dir], out, [
        createAccountsCommand({ open: servicesOver(api) }),
      ]),
    ).toBe(0);
    expect(added[0]).toMatchObject({ apiKey, secret, environment: 'testnet' });
    expect([...out.out, ...out.err].join('\n')).not.toContain(secret);
  });

  it('refuses a secret given as an argument, says why, and does not repeat it', async () => {
    const secret = mint();
    for (const flag of [['--secret', secret], [`--api-key=${secret}`], ['--passphrase', secret]]) {
      const out = capturedIo();
      const args = addArgs('X', 'live');
      const code = await runCli([...args, ...flag], out, [
        createAccountsCommand({ open: refuseToOpen }),
      ]);
      expect(code).toBe(2);
      expect(out.err.join('\n')).toMatch(
        /is refused: a secret given as an argument stays in the shell's history/,
      );
      expect(out.err.join('\n')).not.toContain(secret);
    }
  });

  it('lists the running Premia’s accounts through its link, with permissions and warnings', async () => {
    const accounts = [
      sampleAccount(),
      sampleAccount({
        id: 'acc-2',
        label: 'Watcher',
        readOnly: true,
        warnings: ['The futures account uses hedge mode; Premia expects one-way.'],
      }),
    ];
    await againstRunningApp(dir, { listAccounts: async () => accounts }, async () => {
      const out = capturedIo();
      const command = createAccountsCommand({
        open: refuseToOpen,
      });
      expect(await runCli(['accounts', '--data-dir', dir], out, [command])).toBe(0);
      expect(out.out[0]).toMatch(
        /^Id\s+Label\s+Exchange\s+Environment\s+Key may\s+Read-only\s+Synced$/,
      );
      expect(out.out[2]).toMatch(/^acc-2\s+Watcher\s+binance\s+live\s+.*\s+yes\s+2026-01-02/);
      expect(out.out).toContain(
        'Watcher: The futures account uses hedge mode; Premia expects one-way.',
      );
    });
  });

  it('reports a failed key test with its problem and exit code 1', async () => {
    const out = capturedIo();
    const api: Partial<PremiaApi> = {
      getVaultStatus: async () => ({ ...LOCKED_VAULT, state: 'unlocked' }),
      testAccount: async (id) => ({
        ok: false,
        problem: 'Binance refused the key: check it was copied whole.',
        account: sampleAccount({ id }),
      }),
    };
    const command = createAccountsCommand({ open: servicesOver(api) });
    expect(await runCli(['accounts', 'test', 'acc-1', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.out[0]).toBe('Main (acc-1) on binance, live: the key test failed');
    expect(out.out[1]).toBe('Problem: Binance refused the key: check it was copied whole.');
  });

  it('asks for a vault first when there is none to keep the key in', async () => {
    const out = capturedIo(undefined, scriptedPrompt([]));
    const api: Partial<PremiaApi> = {
      getVaultStatus: async () => ({ ...LOCKED_VAULT, state: 'absent' }),
    };
    const args = addArgs('X', 'live');
    expect(
      await runCli([...args, '--data-dir', dir], out, [
        createAccountsCommand({ open: servicesOver(api) }),
      ]),
    ).toBe(1);
    expect(out.err.join('\n')).toContain('create one with premia vault create');
  });
});
