import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const GENERATED = join(ROOT, 'libs/grpc/generated');

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

// The checked-in TypeScript types must be exactly what `npm run gen:proto` makes from proto/ today: a contract
// changed without regenerating (or a generated file edited by hand) fails here, not at run time.
describe('libs/grpc/generated', () => {
  const out = mkdtempSync(join(tmpdir(), 'silt-gen-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('matches what npm run gen:proto generates from proto/', () => {
    // The same command line as the package script (one source of truth), with only the output directory changed.
    const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['gen:proto'];
    const [command, ...args] = script.split(/\s+/);
    expect(command).toBe('proto-loader-gen-types');
    const argv = args.map((a) => (a.startsWith('--outDir=') ? `--outDir=${out}` : a));
    execFileSync(process.execPath, [require.resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js'), ...argv], { cwd: ROOT, stdio: 'pipe' });
    const want = filesUnder(out);
    expect(filesUnder(GENERATED)).toEqual(want);
    const drifted = want.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(GENERATED, f), 'utf8'));
    expect(drifted, 'regenerate with `npm run gen:proto`').toEqual([]);
  }, 60_000);
});
