/** A session file that cannot be read; `message` is one line meant for the user. */
export class SessionFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFormatError';
  }
}
