import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const BIN = resolve(ROOT, 'bin/silt.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The built `silt` CLI as a child process against a cluster's metadata service: `run(args)` resolves with its exit
 * code and output (`{ metadata: false }` leaves `--metadata` out), `json(args)` adds `--json` and expects success.
 */
export function siltCli(metadataAddress: () => string, timeoutMs = 120_000) {
  const run = (args: string[], options: { metadata?: boolean } = {}): Promise<CliRun> => {
    const argv = [BIN, ...args, ...(options.metadata === false ? [] : ['--metadata', metadataAddress()])];
    return new Promise((done) => {
      execFile(process.execPath, argv, { cwd: ROOT, timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        done({ code, stdout, stderr });
      });
    });
  };
  const json = async <T>(args: string[]): Promise<T> => {
    const r = await run([...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  return { run, json };
}
