// Errors the CLI reports to the user on stderr, each with the exit code it ends the process with.

/** A failure the user can fix (missing build, port taken): exit code 1. */
export class CliError extends Error {
  readonly exitCode: number = 1;

  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command line the CLI does not understand: exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
