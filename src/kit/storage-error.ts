/**
 * A server's data cannot be kept where DATA_DIR says: a directory that cannot be made, a file
 * that is no SQLite database, a schema that cannot be brought up to date. Its message names the
 * file and what to change, so the CLI prints it in one line instead of a stack.
 */
export class StorageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
  }
}
