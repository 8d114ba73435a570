import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../shared/accounts';
import type { PremiaApi } from '../../shared/api';
import { runCli } from '../run-cli';
import { capturedIo, scriptedPrompt } from '../test-io';
import { againstRunningApp, refuseToOpen, servicesOver } from '../test-session';
import { LOCKED_VAULT } from '../test-portfolio';
import { createVaultCommand } from './vault';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-vault-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const mint = () => randomBytes(16).toString('hex');
const UNLOCKED: VaultStatus = {
  ...LOCKED_VAULT,
  state: 'unlocked',
  autoLockAt: Date.UTC(2026, 0, 2, 4),
};
describe('premia vault', () => {
  it('shows the vault’s state, by default', async () => {
    const state = { closed: 0 };
    const out = capturedIo();
    const command = createVaultCommand({
      open: servicesOver({ getVaultStatus: async () => LOCKED_VAULT }, state),
    });
    expect(await runCli(['vault', '--data-dir', dir], out, [command])).toBe(0);
    expect(out.out).toEqual(['Vault: locked']);
    expect(state.closed).toBe(1);
  });

  it('creates the vault with a passphrase typed twice, never shown', async () => {
    const passphrase = mint();
    const created: string[] = [];
    const prompt = scriptedPrompt([passphrase, passphrase]);
    const out = capturedIo(undefined, prompt);
    const command = createVaultCommand({
      open: servicesOver({
        createVault: async (input) => {
          created.push(input.passphrase);
          return UNLOCKED;
        },
      }),
    });
    expect(await runCli(['vault', 'create', '--data-dir', dir], out, [command])).toBe(0);
    expect(created).toEqual([passphrase]);
    expect(out.out[0]).toBe('Vault: unlocked');
    expect([...out.out, ...out.err].join('\n')).not.toContain(passphrase);
  });

  it('changes nothing when the two passphrases typed differ', async () => {
    const out = capturedIo(undefined, scriptedPrompt([mint(), mint()]));
    const command = createVaultCommand({ open: servicesOver({}) });
    expect(await runCli(['vault', 'create', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.err).toEqual(['premia vault: the two passphrases differ; nothing was changed.']);
  });

  it('unlocks the running Premia’s vault with PREMIA_PASSPHRASE', async () => {
    const passphrase = mint();
    vi.stubEnv('PREMIA_PASSPHRASE', passphrase);
    const given: string[] = [];
    await againstRunningApp(
      dir,
      {
        unlockVault: async (input) => {
          given.push(input.passphrase);
          return UNLOCKED;
        },
      },
      async () => {
        const out = capturedIo();
        const command = createVaultCommand({ open: refuseToOpen });
        expect(await runCli(['vault', 'unlock', '--data-dir', dir], out, [command])).toBe(0);
        expect(out.out).toEqual([
          'Vault: unlocked',
          'Locks itself at 2026-01-02 04:00:00 UTC if left idle.',
        ]);
      },
    );
    expect(given).toEqual([passphrase]);
  });

  it('says plainly that there is nothing to unlock when no Premia runs, without asking', async () => {
    const prompt = scriptedPrompt([]);
    const out = capturedIo(undefined, prompt);
    const command = createVaultCommand({ open: refuseToOpen });
    expect(await runCli(['vault', 'unlock', '--data-dir', dir], out, [command])).toBe(1);
    expect(out.err.join('\n')).toMatch(
      /^premia vault unlock: no Premia is running on this data folder, so there is nothing to unlock/,
    );
    expect(prompt.asked).toEqual([]);
  });

  it('resets only once "reset" is typed, or with --yes', async () => {
    const resets: unknown[] = [];
    const api: Partial<PremiaApi> = {
      resetVault: async (input) => {
        resets.push(input);
        return { ...LOCKED_VAULT, state: 'absent' };
      },
    };
    const refused = capturedIo(undefined, scriptedPrompt(['yes']));
    expect(
      await runCli(['vault', 'reset', '--data-dir', dir], refused, [
        createVaultCommand({ open: servicesOver(api) }),
      ]),
    ).toBe(1);
    expect(refused.err).toEqual(['premia vault reset: not confirmed; nothing was deleted.']);
    expect(resets).toEqual([]);

    const typed = capturedIo(undefined, scriptedPrompt(['reset']));
    expect(
      await runCli(['vault', 'reset', '--data-dir', dir], typed, [
        createVaultCommand({ open: servicesOver(api) }),
      ]),
    ).toBe(0);
    const forced = capturedIo();
    expect(
      await runCli(['vault', 'reset', '--yes', '--data-dir', dir], forced, [
        createVaultCommand({ open: servicesOver(api) }),
      ]),
    ).toBe(0);
    expect(resets).toEqual([{ confirm: 'reset' }, { confirm: 'reset' }]);
    expect(forced.out[0]).toMatch(/^Vault: not created yet/);
  });

  it('refuses a passphrase given as an argument without repeating it', async () => {
    const passphrase = mint();
    const out = capturedIo();
    const code = await runCli(['vault', 'unlock', `--passphrase=${passphrase}`], out, [
      createVaultCommand({ open: refuseToOpen }),
    ]);
    expect(code).toBe(2);
    expect(out.err.join('\n')).toContain('--passphrase is refused');
    expect(out.err.join('\n')).toContain('PREMIA_PASSPHRASE');
    expect(out.err.join('\n')).not.toContain(passphrase);
  });
});
