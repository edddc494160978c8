// `npm run docs`: a static, offline Redoc site for every spec in openapi/, ready to publish:
// site/index.html plus site/<spec>/index.html (page, Redoc bundle, embedded spec, openapi.json).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OpenAPIBackend } from 'openapi-backend';
import { projectRoot } from '../src/kit/project-files';
import { readRedocBundle, redocInitScript, redocPage } from '../src/kit/docs-page';

const outDir = path.resolve(process.argv[2] ?? path.join(projectRoot, 'site'));

async function dereferencedSpec(file: string): Promise<{ info: { title: string; description?: string; version: string } }> {
  // No validators: compiling them would drop binary fields from `required` in the definition
  // itself (and warn about every format), and the docs need only the spec, dereferenced.
  const api = new OpenAPIBackend({ definition: file, strict: true, quick: false, validate: false });
  await api.init();
  return api.definition as never;
}

async function main(): Promise<void> {
  const specDir = path.join(projectRoot, 'openapi');
  const names = (await readdir(specDir)).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  await rm(outDir, { recursive: true, force: true });
  const entries: string[] = [];
  for (const name of names) {
    const spec = await dereferencedSpec(path.join(specDir, `${name}.yaml`));
    const dir = path.join(outDir, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'index.html'), redocPage(`${spec.info.title} — API reference`, './'));
    await writeFile(path.join(dir, 'spec.js'), redocInitScript(spec));
    await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(spec, null, 2));
    await writeFile(path.join(dir, 'redoc.standalone.js'), readRedocBundle());
    entries.push(`<li><a href="./${name}/index.html">${spec.info.title}</a> <small>v${spec.info.version} · <a href="./${name}/openapi.json">openapi.json</a></small></li>`);
    console.log(`docs: ${path.relative(projectRoot, dir)}/index.html`);
  }
  await writeFile(path.join(outDir, 'index.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>standin — API reference</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.6}small{color:#666}</style></head>
<body>
<h1>standin — API reference</h1>
<ul>
${entries.join('\n')}
</ul>
</body>
</html>
`);
  console.log(`docs: ${path.relative(projectRoot, outDir) || '.'}/index.html`);
}

main().catch((error) => {
  console.error('docs:', error);
  process.exit(1);
});
