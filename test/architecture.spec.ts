import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The boundaries of the tree, checked rather than hoped for: apps import only libs, libs never import apps. Tests
// that wire two services together in one process live in test/integration, outside every app.

const ROOT = resolve(__dirname, '..');
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') continue;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourcesUnder(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** `apps/<name>` or `libs/<name>`: the project a path belongs to. */
const projectOf = (path: string) => path.split('/').slice(0, 2).join('/');

/** Every relative import of every file under apps/ and libs/, as [file, imported path] from the repository root. */
function crossings(): Array<[from: string, to: string]> {
  const out: Array<[string, string]> = [];
  for (const file of [...sourcesUnder('apps'), ...sourcesUnder('libs')]) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), m[1]));
      if (projectOf(target) !== projectOf(file)) out.push([file, target]);
    }
  }
  return out;
}

describe('architecture', () => {
  const all = crossings();

  it('finds the imports it checks (the scanner itself works)', () => {
    expect(all.some(([, to]) => to.startsWith('libs/grpc/'))).toBe(true);
  });

  it('no app imports another app', () => {
    expect(all.filter(([from, to]) => from.startsWith('apps/') && to.startsWith('apps/')).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('no lib imports an app', () => {
    expect(all.filter(([from, to]) => from.startsWith('libs/') && to.startsWith('apps/')).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('nest-cli.json lists exactly the projects under apps/ and libs/', () => {
    const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string; root: string; sourceRoot: string }>;
    };
    const listed = Object.values(nest.projects).map((p) => `${p.type === 'library' ? 'libs' : 'apps'}:${p.root}:${p.sourceRoot}`);
    const onDisk = ['apps', 'libs'].flatMap((top) =>
      readdirSync(join(ROOT, top))
        .filter((name) => statSync(join(ROOT, top, name)).isDirectory())
        .map((name) => `${top}:${top}/${name}:${top}/${name}/src`),
    );
    expect(listed.sort()).toEqual(onDisk.sort());
    for (const [name, p] of Object.entries(nest.projects)) expect(relative(p.root, `${p.root.split('/')[0]}/${name}`)).toBe('');
  });
});
