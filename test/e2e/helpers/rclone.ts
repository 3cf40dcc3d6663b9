import { ensureDebianCommand } from '../../../libs/runtime/src/debian-package';

/** Where rclone is, installing Debian's package when it is missing and we may (as the bench does for nginx). */
export function ensureRclone(log: (msg: string) => void = () => undefined): { path: string | null; note: string } {
  return ensureDebianCommand('rclone', 'rclone', log);
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
