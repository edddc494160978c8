import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The package root holds openapi/ and public/. Source runs from src/kit and the build from
 * dist/src/kit, so walk up rather than hard-code the depth.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'openapi'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`standin: no package root with openapi/ above ${start}`);
  }
}

export const projectRoot = findProjectRoot(__dirname);

/**
 * `specPath('s3-mock')` -> <root>/generated/s3-mock.json: openapi/s3-mock.yaml bundled into one
 * JSON document by `npm run codegen`, which loads in milliseconds where the YAML and its shared
 * component files take a few hundred (docs/ARCHITECTURE.md, "The kit").
 */
export function specPath(name: string): string {
  return path.join(projectRoot, 'generated', `${name}.json`);
}

/** `publicDir('webhooks')` -> <root>/public/webhooks, the static files of a server's pages. */
export function publicDir(server: string): string {
  return path.join(projectRoot, 'public', server);
}

export const packageVersion: string = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;
