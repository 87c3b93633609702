/** A mistake in how the CLI was called or what it was pointed at: printed as one line, exit code 2. */
export class UsageError extends Error {}
