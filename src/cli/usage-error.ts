/**
 * A mistake in what the user typed or configured, printed as kubectl prints it: `error: MESSAGE`, or with `asIs` the
 * message alone (client-go's configuration errors have their own first words).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly asIs = false,
  ) {
    super(message);
  }
}
