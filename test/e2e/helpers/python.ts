/**
 * The environment for a python (boto3) or AWS CLI child in the e2e tests: the interpreter's own variables, UTF-8,
 * Silt's test credentials, and no AWS config or credentials file from the machine (nothing local can leak in).
 */
export function pythonClientEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PYENV_ROOT: process.env.PYENV_ROOT,
    PYENV_VERSION: process.env.PYENV_VERSION,
    LANG: 'C.UTF-8',
    PYTHONIOENCODING: 'utf-8',
    PYTHONDONTWRITEBYTECODE: '1',
    AWS_ACCESS_KEY_ID: 'testuser',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/silt-e2e/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/silt-e2e/aws-credentials',
    AWS_PAGER: '',
    ...extra,
  };
}
