import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

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

/** The folder of the e2e python scripts; they run with it as their working directory. */
export const PY_DIR = join(__dirname, '..', 'python');

/** One sub-check a script reports: passed or not, why not, and whatever else it tells about the request. */
export interface PythonCheck {
  ok: boolean;
  error?: string;
  value?: unknown;
  [more: string]: unknown;
}

/** The JSON a check script prints as its last stdout line. */
export interface PythonCheckOutput {
  ok?: boolean;
  case?: string;
  error?: string;
  result?: { checks?: Record<string, PythonCheck> } & Record<string, unknown>;
  details?: { checks?: Record<string, PythonCheck> } & Record<string, unknown>;
  trace?: string;
}

/** One run of a script case. */
export interface PythonCaseRun {
  /** The parsed last stdout line; undefined when it is not JSON. */
  output?: PythonCheckOutput;
  /** The script's own verdict: `output.ok === true`. */
  ok: boolean;
  /** The sub-checks, from `result.checks` or else `details.checks`. */
  checks?: Record<string, PythonCheck>;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The tail of stdout and stderr, for a failure message. */
  raw: string;
}

export interface PythonChecksOptions {
  /** Bound on one run (SIGKILL after it): one number, or one a case. Default 110 s. */
  timeoutMs?: number | ((caseName: string) => number);
  /** Variables added to pythonClientEnv(), read when a case starts. */
  env?: NodeJS.ProcessEnv | (() => NodeJS.ProcessEnv);
  /** Arguments after the case name and the endpoint. */
  extraArgs?: string[];
  /** The cluster's log lines; a failure message shows the last of them. */
  logs?: () => string[];
}

/**
 * A python check script under test/e2e/python, run as `python3 <script> <case> <endpoint> ...extraArgs` once per case
 * (the run is shared by every caller of that case). The script prints one JSON line last: `{ok, result|details:
 * {checks: {name: {ok, error}}}}`. `expectCheck(case, check)` fails, with the case, the check, its error, the tail of
 * the script's stdout and stderr and the cluster's last log lines, unless that sub-check passed.
 */
export function pythonChecks(script: string, endpoint: () => string, options: PythonChecksOptions = {}) {
  const runs = new Map<string, Promise<PythonCaseRun>>();

  const start = (name: string): Promise<PythonCaseRun> => {
    const { timeoutMs = 110_000, env, extraArgs = [] } = options;
    const bound = typeof timeoutMs === 'function' ? timeoutMs(name) : timeoutMs;
    const extra = typeof env === 'function' ? env() : env;
    const started = Date.now();
    return new Promise((done) =>
      execFile(
        'python3',
        [join(PY_DIR, script), name, endpoint(), ...extraArgs],
        { cwd: PY_DIR, env: pythonClientEnv(extra), timeout: bound, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          let output: PythonCheckOutput | undefined;
          try {
            output = JSON.parse(stdout.trim().split('\n').pop() ?? '') as PythonCheckOutput;
          } catch {
            output = undefined;
          }
          if (output === null || typeof output !== 'object') output = undefined;
          const killed = err?.killed ? `\n(killed by ${err.signal} after the ${bound} ms bound)` : '';
          done({
            output,
            ok: output?.ok === true,
            checks: output?.result?.checks ?? output?.details?.checks,
            exitCode: err ? (typeof err.code === 'number' ? err.code : null) : 0,
            stdout,
            stderr: stderr + killed,
            ms: Date.now() - started,
            raw: `${stdout.slice(-6000)}\n${(stderr + killed).slice(-3000)}`,
          });
        },
      ),
    );
  };

  const runCase = (name: string): Promise<PythonCaseRun> => {
    if (!runs.has(name)) runs.set(name, start(name));
    return runs.get(name)!;
  };

  const explain = (run: PythonCaseRun, what: string, extra?: unknown): string =>
    [
      what,
      extra === undefined ? '' : JSON.stringify(extra, null, 2),
      `${script} exit ${run.exitCode} after ${run.ms} ms, stdout tail:\n${run.stdout.slice(-4000)}`,
      run.stderr ? `stderr tail:\n${run.stderr.slice(-3000)}` : '',
      run.output?.trace ? `trace:\n${run.output.trace}` : '',
      options.logs ? `cluster log tail:\n${options.logs().slice(-15).join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n');

  /** Asserts that sub-check `check` of case `name` passed. */
  const expectCheck = async (name: string, check: string): Promise<void> => {
    const run = await runCase(name);
    const id = `${script} ${name}/${check}`;
    if (!run.output) throw new Error(explain(run, `${id}: the script printed no JSON result`));
    if (!run.checks) throw new Error(explain(run, `${id}: the case failed before its checks: ${run.output.error}`));
    const result = run.checks[check];
    if (!result) throw new Error(explain(run, `${id}: no such sub-check; the case has`, Object.keys(run.checks)));
    if (!result.ok) throw new Error(explain(run, `${id}: ${result.error}`, result));
    expect(result.ok).toBe(true);
  };

  return { runCase, expectCheck };
}
