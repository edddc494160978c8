/**
 * The five servers' names, in the order they start (src/servers.ts says how each is made). A
 * file of its own, like src/kit/running-server.ts, so the package's public types (src/index.ts)
 * reach no server code: a project using them compiles without express's or SQLite's types.
 */
export const SERVER_NAMES = ['webhooks', 's3', 'auth', 'image-api', 'client'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export function isServerName(name: string): name is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(name);
}
