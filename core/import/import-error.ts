/** An input file Hyperscope cannot read as a profile; `message` is one line meant for the user. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
