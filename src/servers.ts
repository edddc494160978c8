import type { Environment, ServerApp } from './kit';
import type { ServerName } from './server-names';

/**
 * How each of the five servers (src/server-names.ts) is made; each later one may point at an
 * earlier one (the S3 mock sends event notifications to the receiver; the image API stores in
 * the S3 mock, signs webhooks to the receiver and trusts the auth provider's issuer; the client
 * app calls the image API). Modules load lazily so starting one server loads only its code.
 */

export interface ServerEntry {
  title: string;
  defaultPort: number;
  /** The server's own port variable; the seed's PORT applies when one server runs alone. */
  portVariable: string;
  create(env: Environment): Promise<ServerApp>;
  /** Variables that point later servers at this one, given its URL. */
  links(url: string): Environment;
  /** Variables that point this server at its own URL. */
  selfLinks(url: string): Environment;
}

export const SERVERS: Record<ServerName, ServerEntry> = {
  s3: {
    title: 'S3 mock',
    defaultPort: 9000,
    portVariable: 'S3_PORT',
    create: async (env) => {
      const [{ createS3App }, { readS3Config }] = await Promise.all([import('./handlers/s3/app'), import('./s3/config')]);
      return createS3App(readS3Config(env));
    },
    links: (url) => ({ AWS_ENDPOINT_URL: url }),
    selfLinks: (url) => ({ PRESIGNED_URL_BASE: url }),
  },
  webhooks: {
    title: 'webhook receiver',
    defaultPort: 4000,
    portVariable: 'WEBHOOK_PORT',
    create: async (env) => {
      const [{ createWebhookApp }, { readWebhookConfig }] = await Promise.all([import('./handlers/webhooks/app'), import('./webhooks/config')]);
      return createWebhookApp(readWebhookConfig(env));
    },
    links: (url) => ({ WEBHOOK_URL: `${url}/webhooks/{client}` }),
    selfLinks: () => ({}),
  },
  auth: {
    title: 'auth provider',
    defaultPort: 8080,
    portVariable: 'AUTH_PORT',
    create: async (env) => {
      const [{ createAuthProviderApp }, { readAuthProviderConfig }] = await Promise.all([import('./handlers/auth-provider/app'), import('./auth-provider/config')]);
      return createAuthProviderApp(readAuthProviderConfig(env));
    },
    links: (url) => ({ AUTH_ISSUER: `${url}/default` }),
    selfLinks: () => ({}),
  },
  'image-api': {
    title: 'image API stand-in',
    defaultPort: 8002,
    portVariable: 'IMAGE_API_PORT',
    create: async (env) => {
      const [{ createImageApiApp }, { readImageApiConfig }] = await Promise.all([import('./handlers/image-api/app'), import('./image-api/config')]);
      return createImageApiApp(readImageApiConfig(env));
    },
    links: (url) => ({ IMAGE_API_URL: url }),
    selfLinks: (url) => ({ PUBLIC_URL: url }),
  },
  client: {
    title: 'client app',
    defaultPort: 3000,
    portVariable: 'CLIENT_PORT',
    create: async (env) => {
      const [{ createClientApp }, { readClientAppConfig }] = await Promise.all([import('./handlers/client-app/app'), import('./client-app/config')]);
      return createClientApp(readClientAppConfig(env));
    },
    links: () => ({}),
    selfLinks: () => ({}),
  },
};

/**
 * The port a server's settings take for its own URL: its port variable, else the seed's PORT,
 * else its default. (start() applies PORT only to a server started alone, and checks the value.)
 */
export function ownPortSetting(name: ServerName, env: Environment): string {
  const { portVariable, defaultPort } = SERVERS[name];
  return env[portVariable] || env.PORT || String(defaultPort);
}
