import { spawnSync } from 'node:child_process';

/**
 * Where rclone is, installing Debian's package with apt-get when it is missing and we may (root, or passwordless
 * sudo), as bench/nginx.ts does for nginx. Null, with the reason, when it cannot be had.
 */
export function ensureRclone(log: (msg: string) => void = () => undefined): { path: string | null; note: string } {
  const find = () => {
    const which = spawnSync('sh', ['-c', 'command -v rclone'], { encoding: 'utf8' });
    const p = which.stdout.trim();
    return which.status === 0 && p ? p : null;
  };
  let path = find();
  if (path) return { path, note: 'found' };
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) => {
    const cmd = root ? 'apt-get' : 'sudo';
    const argv = root ? args : ['-n', 'apt-get', ...args];
    log(`rclone not found: running ${cmd} ${argv.join(' ')}`);
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 180_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  if (!apt(['install', '-y', 'rclone'])) {
    apt(['update']);
    apt(['install', '-y', 'rclone']);
  }
  path = find();
  return path
    ? { path, note: 'installed with apt-get' }
    : { path: null, note: `rclone is not installed and could not be installed (uid ${process.getuid?.()}, ${root ? 'apt-get' : 'sudo -n apt-get'} failed)` };
}

/**
 * The environment of an rclone child: one remote `silt` (provider Other, path style) defined by RCLONE_CONFIG_*
 * variables, and nothing from the machine. Not AWS_CA_BUNDLE in particular: rclone's S3 backend fails every call with
 * LoadCustomCABundleError when it is set, even for an http endpoint.
 */
export function rcloneEnv(endpoint: string, configFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    RCLONE_CONFIG: configFile,
    RCLONE_CONFIG_SILT_TYPE: 's3',
    RCLONE_CONFIG_SILT_PROVIDER: 'Other',
    RCLONE_CONFIG_SILT_ENDPOINT: endpoint,
    RCLONE_CONFIG_SILT_FORCE_PATH_STYLE: 'true',
    RCLONE_CONFIG_SILT_REGION: 'us-east-1',
    RCLONE_CONFIG_SILT_ACCESS_KEY_ID: 'testuser',
    RCLONE_CONFIG_SILT_SECRET_ACCESS_KEY: 'secret',
  };
}
