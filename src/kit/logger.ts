import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Structured logs: JSON lines when piped (machines read them), pretty when a person watches a
 * terminal, unless `format` (LOG_FORMAT) is json. pino-pretty runs in a worker thread so
 * formatting never blocks a request.
 */
export function createLogger(service: string, level: LevelWithSilent = 'info', format: 'auto' | 'json' = 'auto'): Logger {
  const pretty = process.stdout.isTTY && level !== 'silent' && format !== 'json';
  return pino({
    name: service,
    level,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}
