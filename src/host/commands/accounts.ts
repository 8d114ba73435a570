// `premia accounts [list|add|test|remove]`: the exchange accounts of the Premia on the data folder.
// A key, its secret and passphrase are typed without echo or taken from the environment, never from
// an argument, and nothing printed ever carries them.
import { resolve } from 'node:path';
import type { AccountMeta, AccountTestResult } from '../../shared/accounts';
import { ACCOUNT_ENVIRONMENTS, PASSPHRASE_EXCHANGES } from '../../shared/accounts';
import type { PremiaApi } from '../../shared/api';
import type { ExchangeId } from '../../shared/settings';
import { defaultDataDir } from '../../services/data-dir';
import type { OpenServices } from '../api-session';
import { appServicesOpener, openApiSession } from '../api-session';
import { CliError, UsageError } from '../cli-errors';
import { permissionWords } from '../holdings-view';
import type { Prompt } from '../prompt';
import { readSecret } from '../prompt';
import { readVersion } from '../project-version';
import { textTable } from '../text-table';
import type { Command, CommandContext } from './command';
import { parseCommandLine, refuseSecretFlags } from './command';
import { unlockIfLocked } from './vault';
import { formatUtcTime } from '../utc-time';

export const API_KEY_ENV = 'PREMIA_API_KEY';
export const API_SECRET_ENV = 'PREMIA_API_SECRET';
export const API_PASSPHRASE_ENV = 'PREMIA_API_PASSPHRASE';

const ACTIONS = ['list', 'add', 'test', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

/** The accounts as a table, each one's warnings below it. */
export function accountsTable(accounts: readonly AccountMeta[]): string[] {
  if (accounts.length === 0) return ['No exchange account yet: add one with premia accounts add.'];
  const lines = textTable(
    [
      { title: 'Id', align: 'left' },
      { title: 'Label', align: 'left' },
      { title: 'Exchange', align: 'left' },
      { title: 'Environment', align: 'left' },
      { title: 'Key may', align: 'left' },
      { title: 'Read-only', align: 'left' },
      { title: 'Synced', align: 'left' },
    ],
    accounts.map((a) => [
      a.id,
      a.label,
      a.exchange,
      a.environment,
      permissionWords(a.permissions),
      a.readOnly ? 'yes' : 'no',
      formatUtcTime(a.syncedAt),
    ]),
  );
  for (const a of accounts) for (const w of a.warnings) lines.push(`${a.label}: ${w}`);
  return lines;
}

/** The outcome of testing a key, in words. */
export function testLines(result: AccountTestResult): string[] {
  const a = result.account;
  return [
    `${a.label} (${a.id}) on ${a.exchange}, ${a.environment}: ${result.ok ? 'the key works' : 'the key test failed'}`,
    ...(result.problem !== null ? [`Problem: ${result.problem}`] : []),
    `Key may: ${permissionWords(a.permissions)}`,
    `Read-only: ${a.readOnly ? 'yes (holdings are read, nothing is ever sent)' : 'no'}`,
    ...a.warnings.map((w) => `Warning: ${w}`),
  ];
}

/** Keys live in the vault: it must be there and unlocked before one is stored or used. */
async function unlockIfNeeded(api: PremiaApi, prompt: Prompt | undefined): Promise<void> {
  const status = await unlockIfLocked(api, prompt);
  if (status.state === 'absent') {
    throw new CliError(
      'premia accounts: there is no vault to keep API keys in yet: create one with premia vault create.',
    );
  }
}

function oneId(command: Command, action: Action, words: string[]): string {
  if (words.length !== 1) {
    throw new UsageError(
      `premia accounts ${action}: name one account by its id\nusage: ${command.usage}`,
    );
  }
  return words[0]!;
}

export interface AccountsCommandOptions {
  open?: OpenServices;
}

export function createAccountsCommand(options: AccountsCommandOptions = {}): Command {
  const open = options.open ?? appServicesOpener();
  const command: Command = {
    name: 'accounts',
    summary:
      'List, add, test or remove exchange accounts (keys are typed, never given as arguments).',
    usage: `premia accounts [list | add --exchange ID --label TEXT --environment ${ACCOUNT_ENVIRONMENTS.join('|')} | test ID | remove ID] [--data-dir DIR]`,
    async run(args: string[], context: CommandContext): Promise<number> {
      refuseSecretFlags(
        command,
        args,
        `Type it when asked, or set ${API_KEY_ENV}, ${API_SECRET_ENV} (and ${API_PASSPHRASE_ENV} where the venue needs one).`,
      );
      const { values, positionals } = parseCommandLine(command, args, {
        exchange: { type: 'string' },
        label: { type: 'string' },
        environment: { type: 'string' },
        'data-dir': { type: 'string' },
      });
      const [word = 'list', ...rest] = positionals;
      const action = word as Action;
      if (!ACTIONS.includes(action)) {
        throw new UsageError(`premia accounts: unknown action "${word}"\nusage: ${command.usage}`);
      }
      if (
        action !== 'add' &&
        (values.exchange ?? values.label ?? values.environment) !== undefined
      ) {
        throw new UsageError(
          `premia accounts ${action}: --exchange, --label and --environment go with add only\nusage: ${command.usage}`,
        );
      }
      let input: { exchange: string; label: string; environment: string } | null = null;
      if (action === 'add') {
        const { exchange, label, environment } = values;
        if (
          exchange === undefined ||
          label === undefined ||
          environment === undefined ||
          rest.length > 0
        ) {
          throw new UsageError(
            `premia accounts add: give --exchange, --label and --environment\nusage: ${command.usage}`,
          );
        }
        input = { exchange, label, environment };
      } else if (action === 'list' && rest.length > 0) {
        throw new UsageError(`premia accounts list takes no more words\nusage: ${command.usage}`);
      }
      const id = action === 'test' || action === 'remove' ? oneId(command, action, rest) : '';

      const session = await openApiSession({
        command: command.name,
        dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
        version: readVersion(context.projectDir),
        market: false,
        open,
      });
      try {
        const { api } = session;
        const { prompt } = context;
        let result: AccountTestResult;
        switch (action) {
          case 'list':
            for (const line of accountsTable(await api.listAccounts())) context.stdout(line);
            return 0;
          case 'remove':
            for (const line of accountsTable(await api.removeAccount(id))) context.stdout(line);
            return 0;
          case 'test':
            await unlockIfNeeded(api, prompt);
            result = await api.testAccount(id);
            break;
          case 'add': {
            await unlockIfNeeded(api, prompt);
            const apiKey = await readSecret(prompt, API_KEY_ENV, 'API key: ');
            const secret = await readSecret(prompt, API_SECRET_ENV, 'API secret: ');
            const needsPassphrase = PASSPHRASE_EXCHANGES.includes(input!.exchange as ExchangeId);
            const passphrase = needsPassphrase
              ? await readSecret(prompt, API_PASSPHRASE_ENV, 'API key passphrase: ')
              : undefined;
            // The exchange and environment are checked by the API's own schema, which names them.
            result = await api.addAccount({
              ...(input as { exchange: ExchangeId; label: string; environment: 'live' }),
              apiKey,
              secret,
              ...(passphrase !== undefined ? { passphrase } : {}),
            });
            break;
          }
        }
        for (const line of testLines(result)) context.stdout(line);
        return result.ok ? 0 : 1;
      } finally {
        await session.close();
      }
    },
  };
  return command;
}

export const accountsCommand: Command = createAccountsCommand();
