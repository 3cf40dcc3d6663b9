import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Where a command from one of Debian's packages is, installing the package with apt-get when the command is missing
 * and we may (root, or passwordless sudo): the bench needs nginx, the real-tools e2e rclone, and a fresh machine has
 * neither. Null, with the reason, when it cannot be had. `alsoAt` lists paths outside PATH to look at (sbin dirs).
 */
export function ensureDebianCommand(
  command: string,
  pkg: string,
  log: (msg: string) => void = () => undefined,
  alsoAt: readonly string[] = [],
): { path: string | null; note: string } {
  const find = () => {
    const which = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
    const p = which.stdout.trim();
    if (which.status === 0 && p) return p;
    return alsoAt.find((candidate) => existsSync(candidate)) ?? null;
  };
  let path = find();
  if (path) return { path, note: 'found' };
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) => {
    const cmd = root ? 'apt-get' : 'sudo';
    const argv = root ? args : ['-n', 'apt-get', ...args];
    log(`${command} not found: running ${cmd} ${argv.join(' ')}`);
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  if (!apt(['install', '-y', pkg])) {
    apt(['update']);
    apt(['install', '-y', pkg]);
  }
  path = find();
  return path
    ? { path, note: 'installed with apt-get' }
    : { path: null, note: `${command} is not installed and could not be installed (uid ${process.getuid?.()}, ${root ? 'apt-get' : 'sudo -n apt-get'} failed)` };
}
