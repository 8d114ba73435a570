// `premia sim [--port N] [--data-dir DIR] [--seed N] [--speed X] [--control]`: runs the simulator on its
// own until SIGINT or SIGTERM. It prints the URL and the demo API key id; the secret is never printed
// (set PREMIA_SIM_API_KEY and PREMIA_SIM_API_SECRET to choose the pair a client will sign with). The
// HTTP control interface is off unless --control (a fresh token, printed) or PREMIA_SIM_CONTROL_TOKEN
// (a token the caller chose, never printed) turns it on.
import type { Credentials } from './auth';
import { controlTokenFromEnv, createControlToken, SIM_CONTROL_TOKEN_ENV } from './control-token';
import { startSimulator } from './simulator';

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CommandHooks {
  /** Resolves when the command should stop (tests); SIGINT and SIGTERM always stop it. */
  stop?: Promise<void>;
  env?: Record<string, string | undefined>;
}

interface SimArgs {
  port: number;
  dataDir: string | undefined;
  seed: number | undefined;
  speed: number | undefined;
  control: boolean;
}

const USAGE = 'usage: premia sim [--port N] [--data-dir DIR] [--seed N] [--speed X] [--control]';

function parseArgs(args: string[]): SimArgs {
  const out: SimArgs = {
    port: 0,
    dataDir: undefined,
    seed: undefined,
    speed: undefined,
    control: false,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    const integer = (text: string, min: number, max: number) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(`${name} must be a whole number from ${min} to ${max}`);
      return n;
    };
    switch (name) {
      case '--port':
        out.port = integer(value(), 0, 65_535);
        break;
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--seed':
        out.seed = integer(value(), 0, 4_294_967_295);
        break;
      case '--speed': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) throw new Error('--speed must be a number of 0 or more');
        out.speed = n;
        break;
      }
      case '--control':
        if (inline !== undefined) throw new Error(`--control takes no value\n${USAGE}`);
        out.control = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return out;
}

function credentialsFrom(env: Record<string, string | undefined>): Credentials | undefined {
  const apiKey = env.PREMIA_SIM_API_KEY;
  const secret = env.PREMIA_SIM_API_SECRET;
  if (!apiKey && !secret) return undefined;
  if (
    !apiKey ||
    !secret ||
    !/^[A-Za-z0-9]{64}$/.test(apiKey) ||
    !/^[A-Za-z0-9]{64}$/.test(secret)
  ) {
    throw new Error(
      'PREMIA_SIM_API_KEY and PREMIA_SIM_API_SECRET must both be set, 64 letters or digits each',
    );
  }
  return { apiKey, secret };
}

export async function runSimulatorCommand(
  args: string[],
  io: CommandIo,
  hooks: CommandHooks = {},
): Promise<number> {
  let parsed: SimArgs;
  let credentials: Credentials | undefined;
  let chosenToken: string | undefined;
  try {
    parsed = parseArgs(args);
    const env = hooks.env ?? process.env;
    credentials = credentialsFrom(env);
    chosenToken = controlTokenFromEnv(env);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const freshToken = parsed.control && chosenToken === undefined ? createControlToken() : undefined;
  const controlToken = chosenToken ?? freshToken;
  let sim;
  try {
    sim = await startSimulator({
      controlToken,
      port: parsed.port,
      dataDir: parsed.dataDir,
      seed: parsed.seed,
      speed: parsed.speed,
      credentials,
      onError: (message) => io.stderr.write(`${message}\n`),
    });
  } catch (error) {
    io.stderr.write(`premia sim: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  if (sim.recovered) io.stderr.write(`premia sim: ${sim.recovered}\n`);
  const where = parsed.dataDir ? `state in ${parsed.dataDir}` : 'state kept in memory only';
  io.stdout.write(
    `Exchange simulator (binance dialect) at ${sim.url} — demo API key ${sim.credentials.apiKey} — ${where}\n`,
  );
  if (controlToken !== undefined) {
    const token = freshToken ?? `<the token in ${SIM_CONTROL_TOKEN_ENV}>`;
    io.stdout.write(
      `Control interface at ${sim.url}/__control/ — send Authorization: Bearer ${token} and JSON bodies (GET state; POST premium, regime, advance, speed, faults, weight-limits, assets, reset)\n`,
    );
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void hooks.stop?.then(stop);
  });
  await sim.close();
  return 0;
}
