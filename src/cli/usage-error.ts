import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line the CLI cannot run: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/** node's parseArgs, its refusals (an unknown option, a missing value) as UsageErrors. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
