#!/usr/bin/env node
// Generates from each spec in openapi/: TypeScript types into generated/<name>.ts, and the spec
// bundled into one JSON document (shared components pulled in, by `redocly bundle`) into
// generated/<name>.json, which the servers load at start: parsing YAML and resolving files took
// most of a server's start-up (README, "Speed").
// `--check` regenerates in memory and fails when generated/ differs (CI's drift check).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

async function emit(file, contents) {
  const target = path.join(outDir, file);
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === contents) return;
  if (check) stale.push(`generated/${file}`);
  else {
    await writeFile(target, contents);
    console.log(`codegen: wrote generated/${file}`);
  }
}

const bundleDir = await mkdtemp(path.join(tmpdir(), 'standin-codegen-'));
try {
  const redocly = path.join(root, 'node_modules', '.bin', 'redocly');
  execFileSync(redocly, ['bundle', ...specs.map((file) => path.join(specDir, file)), '--ext', 'json', '--output', bundleDir], { cwd: root, stdio: 'pipe' });
  for (const file of specs) {
    const name = file.replace(/\.yaml$/, '');
    const ast = await openapiTS(pathToFileURL(path.join(specDir, file)));
    await emit(`${name}.ts`, `// Generated from openapi/${file} by \`npm run codegen\`. Do not edit.\n\n${astToString(ast)}`);
    const bundled = JSON.parse(await readFile(path.join(bundleDir, `${name}.json`), 'utf8'));
    await emit(`${name}.json`, `${JSON.stringify(bundled, null, 2)}\n`);
  }
} finally {
  await rm(bundleDir, { recursive: true, force: true });
}
if (stale.length > 0) {
  console.error(`codegen: stale generated types (run \`npm run codegen\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log(`codegen: generated/ is up to date (${specs.length} specs)`);
