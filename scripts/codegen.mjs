#!/usr/bin/env node
// Generates TypeScript types from each spec in openapi/ into generated/<name>.ts.
// `--check` regenerates in memory and fails when generated/ differs (CI's drift check).
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specDir = path.join(root, 'openapi');
const outDir = path.join(root, 'generated');
const check = process.argv.includes('--check');

const specs = (await readdir(specDir)).filter((file) => file.endsWith('.yaml')).sort();
const stale = [];
await mkdir(outDir, { recursive: true });
for (const file of specs) {
  const name = file.replace(/\.yaml$/, '');
  const ast = await openapiTS(pathToFileURL(path.join(specDir, file)));
  const contents = `// Generated from openapi/${file} by \`npm run codegen\`. Do not edit.\n\n${astToString(ast)}`;
  const target = path.join(outDir, `${name}.ts`);
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === contents) continue;
  if (check) stale.push(`generated/${name}.ts`);
  else {
    await writeFile(target, contents);
    console.log(`codegen: wrote generated/${name}.ts`);
  }
}
if (stale.length > 0) {
  console.error(`codegen: stale generated types (run \`npm run codegen\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log(`codegen: generated/ is up to date (${specs.length} specs)`);
