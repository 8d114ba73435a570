// Starts and stops `premia serve` as a child process: the same CLI a user runs, on a free port and a
// data folder of the test's own. Its demo market listens on a port the test chose, with the control
// interface turned on by a token only the test knows, so the test can move the market.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVE_TOKEN_ENV } from '../src/host/token';
import { DemoMarket, freePort } from './demo-market';

export const PROJECT_DIR = join(import.meta.dirname, '..');
// The built host, as `npm run web` runs it (the test command builds before the end-to-end tests).
const BUILT_CLI = join(PROJECT_DIR, 'out', 'main', 'cli.js');
const BUILT_RENDERER = join(PROJECT_DIR, 'out', 'renderer', 'index.html');

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StoppedHost {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Where a stopped host served, so it can start again there. */
interface Place {
  port: string;
  token: string;
}

/**
 * One running `premia serve`. `restart` keeps the data folder and gets a new port and token; `resume`
 * starts a stopped host again on its old port with its old token, so a page left open reconnects.
 */
export class PremiaHost {
  #child: ChildProcess | null = null;
  #url = '';
  #place: Place | null = null;
  #simPort = 0;
  readonly #controlToken = randomBytes(32).toString('base64url');
  /** Everything the host wrote to stderr, for the report of a failed test. */
  readonly log: string[] = [];

  constructor(readonly dataDir: string) {}

  get url(): string {
    if (!this.#child) throw new Error('premia serve is not running');
    return this.#url;
  }

  /** The host's demo market, through its simulator's control interface. */
  get demoMarket(): DemoMarket {
    if (!this.#child) throw new Error('premia serve is not running');
    return new DemoMarket(`http://127.0.0.1:${this.#simPort}`, this.#controlToken);
  }

  async start(): Promise<string> {
    return this.#launch(null);
  }

  /** Starts the stopped host again on the port and with the token it had. */
  async resume(): Promise<string> {
    if (this.#child) throw new Error('premia serve is still running');
    if (!this.#place) throw new Error('premia serve has not run yet');
    return this.#launch(this.#place);
  }

  async #launch(place: Place | null): Promise<string> {
    for (const built of [BUILT_CLI, BUILT_RENDERER]) {
      if (!existsSync(built)) throw new Error(`No ${built}: run \`npm run build\` first.`);
    }
    // Kept across restarts: the same market at the same address.
    if (this.#simPort === 0) this.#simPort = await freePort();
    // Node itself rather than `npm run`: no wrapper process sits between the test and the host, so
    // SIGTERM reaches the host itself.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      PREMIA_SIM_PORT: String(this.#simPort),
      PREMIA_SIM_CONTROL_TOKEN: this.#controlToken,
    };
    if (place) env[SERVE_TOKEN_ENV] = place.token;
    else delete env[SERVE_TOKEN_ENV];
    const child = spawn(
      process.execPath,
      [BUILT_CLI, 'serve', '--port', place?.port ?? '0', '--data-dir', this.dataDir],
      { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.log.push(chunk));

    this.#url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(() => {
        fail(new Error(`premia serve printed no address within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        lines.close();
        child.kill('SIGKILL');
        reject(new Error(`${error.message}\n${this.log.join('')}`));
      };
      lines.on('line', (line) => {
        const match = URL_PATTERN.exec(line);
        if (!match?.[1] || !match[2]) return;
        clearTimeout(timer);
        this.#place = { port: match[1], token: match[2] };
        resolve(match[0]);
      });
      child.once('exit', (code, signal) => {
        fail(new Error(`premia serve exited before it was ready (code ${code}, signal ${signal})`));
      });
      child.once('error', fail);
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    return this.#url;
  }

  /** SIGTERM, as a service manager would send; a host that does not stop in time is killed. */
  async stop(): Promise<StoppedHost> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    }
    return new Promise<StoppedHost>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
      child.kill('SIGTERM');
    });
  }

  async restart(): Promise<string> {
    const stopped = await this.stop();
    if (stopped.code !== 0) {
      throw new Error(`premia serve did not stop cleanly: ${JSON.stringify(stopped)}`);
    }
    return this.start();
  }
}
