// `premia vault [status|create|unlock|lock|change-passphrase|reset]`: the key vault of the Premia on
// the data folder. Passphrases are typed without echo or taken from the environment, never from an
// argument.
import { resolve } from 'node:path';
import type { VaultStatus } from '../../shared/accounts';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/accounts';
import type { PremiaApi } from '../../shared/api';
import { defaultDataDir } from '../../services/data-dir';
import { dataLockHolder } from '../../services/data-lock';
import type { OpenServices } from '../api-session';
import { appServicesOpener, openApiSession } from '../api-session';
import { CliError, UsageError } from '../cli-errors';
import type { Prompt } from '../prompt';
import { readSecret } from '../prompt';
import { readVersion } from '../project-version';
import type { Command, CommandContext } from './command';
import { parseCommandLine, refuseSecretFlags } from './command';
import { formatUtcTime } from '../utc-time';

export const PASSPHRASE_ENV = 'PREMIA_PASSPHRASE';
export const NEW_PASSPHRASE_ENV = 'PREMIA_NEW_PASSPHRASE';

const ACTIONS = ['status', 'create', 'unlock', 'lock', 'change-passphrase', 'reset'] as const;
type Action = (typeof ACTIONS)[number];

/** The vault's state in a few lines. */
export function vaultLines(status: VaultStatus): string[] {
  const state = {
    absent: 'not created yet (premia vault create makes one)',
    locked: 'locked',
    unlocked: 'unlocked',
  }[status.state];
  const lines = [`Vault: ${state}`];
  if (status.autoLockAt !== null)
    lines.push(`Locks itself at ${formatUtcTime(status.autoLockAt)} if left idle.`);
  if (status.retryAt !== null)
    lines.push(
      `After wrong passphrases, the next try is taken from ${formatUtcTime(status.retryAt)}.`,
    );
  if (status.remember.active) lines.push('Remembered on this device.');
  else if (!status.remember.available && status.remember.reason !== null)
    lines.push(`Cannot be remembered on this device: ${status.remember.reason}`);
  return lines;
}

/** A new passphrase: from the environment as is, or typed twice so a typing slip is caught. */
async function newPassphrase(prompt: Prompt | undefined, envName: string): Promise<string> {
  const env = process.env[envName];
  if (env !== undefined && env !== '') return env;
  const first = await readSecret(
    prompt,
    envName,
    `New passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters): `,
  );
  const again = await readSecret(prompt, envName, 'The same passphrase again: ');
  if (first !== again)
    throw new CliError('premia vault: the two passphrases differ; nothing was changed.');
  return first;
}

/**
 * Unlocks the vault when it is locked, with the passphrase from PREMIA_PASSPHRASE or typed without
 * echo; a vault unlocked or not created is left as it is. Answers with the vault as it now stands.
 */
export async function unlockIfLocked(
  api: PremiaApi,
  prompt: Prompt | undefined,
): Promise<VaultStatus> {
  const status = await api.getVaultStatus();
  if (status.state !== 'locked') return status;
  return api.unlockVault({
    passphrase: await readSecret(prompt, PASSPHRASE_ENV, 'Vault passphrase: '),
  });
}

async function confirmReset(prompt: Prompt | undefined, yes: boolean): Promise<void> {
  if (yes) return;
  if (prompt === undefined || !prompt.interactive) {
    throw new UsageError(
      'premia vault reset: there is no terminal to confirm in: add --yes to delete every stored key.',
    );
  }
  const typed = await prompt.line(
    'Resetting deletes every stored API key (accounts stay, without keys). Type reset to go on: ',
  );
  if (typed.trim() !== 'reset')
    throw new CliError('premia vault reset: not confirmed; nothing was deleted.');
}

async function act(
  action: Action,
  api: PremiaApi,
  prompt: Prompt | undefined,
  yes: boolean,
): Promise<VaultStatus> {
  switch (action) {
    case 'status':
      return api.getVaultStatus();
    case 'create':
      return api.createVault({ passphrase: await newPassphrase(prompt, PASSPHRASE_ENV) });
    case 'unlock':
      return api.unlockVault({
        passphrase: await readSecret(prompt, PASSPHRASE_ENV, 'Vault passphrase: '),
      });
    case 'lock':
      return api.lockVault();
    case 'change-passphrase': {
      const current = await readSecret(prompt, PASSPHRASE_ENV, 'Current passphrase: ');
      return api.changeVaultPassphrase({
        current,
        next: await newPassphrase(prompt, NEW_PASSPHRASE_ENV),
      });
    }
    case 'reset':
      await confirmReset(prompt, yes);
      return api.resetVault({ confirm: 'reset' });
  }
}

export interface VaultCommandOptions {
  open?: OpenServices;
}

export function createVaultCommand(options: VaultCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'vault',
    summary: 'Show, create, unlock, lock, re-key or reset the vault that keeps the API keys.',
    usage: `premia vault [${ACTIONS.join('|')}] [--yes] [--data-dir DIR]`,
    async run(args: string[], context: CommandContext): Promise<number> {
      refuseSecretFlags(
        command,
        args,
        `Type it when asked, or set ${PASSPHRASE_ENV} (and ${NEW_PASSPHRASE_ENV} for a new one).`,
      );
      const { values, positionals } = parseCommandLine(command, args, {
        yes: { type: 'boolean' },
        'data-dir': { type: 'string' },
      });
      const action = (positionals[0] ?? 'status') as Action;
      if (!ACTIONS.includes(action) || positionals.length > 1) {
        throw new UsageError(
          `premia vault: unknown action "${positionals.join(' ')}"\nusage: ${command.usage}`,
        );
      }
      const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
      // An unlocked vault lives in the memory of the Premia that opened it: a command's own services
      // close as it ends, so unlocking or locking means something only to a running app.
      if ((action === 'unlock' || action === 'lock') && (await dataLockHolder(dataDir)) === null) {
        if (action === 'lock') {
          context.stdout(
            'No Premia is running on this data folder: its vault is locked whenever none runs.',
          );
          return 0;
        }
        throw new CliError(
          'premia vault unlock: no Premia is running on this data folder, so there is nothing to unlock: the vault stays unlocked only inside the app that unlocked it. Start Premia (the desktop app or premia serve) and run this again; commands that need a key ask for the passphrase themselves.',
        );
      }
      const session = await openApiSession({
        command: command.name,
        dataDir,
        version: readVersion(context.projectDir),
        market: false,
        open,
      });
      try {
        const status = await act(action, session.api, context.prompt, values.yes === true);
        for (const line of vaultLines(status)) context.stdout(line);
        return 0;
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const vaultCommand: Command = createVaultCommand();
