import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { ensureDebianCommand } from '../libs/runtime/src/debian-package';

/** Where nginx is, installing it with apt-get if it is missing and we may. Null (with a reason) when impossible. */
export function ensureNginx(log: (msg: string) => void): { path: string | null; note: string } {
  return ensureDebianCommand('nginx', 'nginx', log, ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']);
}

export interface RunningNginx {
  port: number;
  child: ChildProcess;
  pid: number;
  workerProcesses: string;
  dav: boolean;
  /** PIDs of the worker processes (children of the master). */
  workerPids(): number[];
  stop(): Promise<void>;
}

function hasDav(nginxPath: string): boolean {
  const r = spawnSync(nginxPath, ['-V'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.includes('--with-http_dav_module');
}

/** Children of `pid`, from /proc. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (tasks) return tasks.split(/\s+/).map(Number);
  } catch {
    /* fall back to a scan */
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) out.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts nginx in the foreground (`daemon off`, a child of this process) with its own config, pid file, logs and
 * temp paths inside `dir`, serving `root` on 127.0.0.1:`port`. PUT is enabled through the DAV module when nginx has
 * it (so nginx can be the PUT baseline too).
 */
export async function startNginx(nginxPath: string, dir: string, root: string, port: number, workerProcesses = 'auto'): Promise<RunningNginx> {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const dav = hasDav(nginxPath);
  const asRoot = process.getuid?.() === 0;
  const conf = `
${asRoot ? 'user root root;' : ''}
daemon off;
master_process on;
worker_processes ${workerProcesses};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65s;
  keepalive_requests 10000000;
  open_file_cache max=10000 inactive=60s;
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port} reuseport;
    root ${root};
    location / {
      ${dav ? 'dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r;' : ''}
      client_max_body_size 0;
      client_body_buffer_size 1m;
    }
  }
}
`;
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, conf);
  const child = spawn(nginxPath, ['-p', dir, '-e', join(dir, 'error.log'), '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  await Promise.race([
    waitForPort(port, 10_000),
    exited.then(([code]) => {
      throw new Error(`nginx exited with ${code}: ${stderr}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`);
    }),
  ]);
  const pid = child.pid!;
  return {
    port,
    child,
    pid,
    dav,
    workerProcesses,
    workerPids: () => childPids(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const workers = childPids(pid);
      child.kill('SIGQUIT'); // graceful: the master stops its workers and exits
      const t = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        // Workers outlive a SIGKILLed master: end them too (they are ours, by PID).
        for (const w of workers) {
          try {
            process.kill(w, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }, 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
