import type http from 'node:http';

/** A server `listen` has started: where it answers, and how to stop it. Part of the package's public types. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}
