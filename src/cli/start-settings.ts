import { env } from '../kit';

/**
 * The settings of `standin start` itself, beside each server's own (src/<server>/config.ts): the
 * programmatic start() takes its `host` as an option instead.
 */
export const startCommandSchema = {
  host: env.string('HOST', '127.0.0.1', 'Interface the servers listen on (the Docker image sets 0.0.0.0)'),
};
