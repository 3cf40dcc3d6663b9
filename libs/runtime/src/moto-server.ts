import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePorts } from './cluster-launcher';

/** moto's S3 server (`python3 -m moto.server`) on a free 127.0.0.1 port: a real S3 endpoint for tests and benches. */
export interface MotoServer {
  endpoint: string;
  port: number;
  pid: number | undefined;
  /** Stops it (SIGTERM, then SIGKILL after 5 s); safe to call more than once. */
  stop(): Promise<void>;
}

export async function startMotoServer(timeoutMs = 30_000): Promise<MotoServer> {
  const [port] = await freePorts(1);
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-p', String(port), '-H', '127.0.0.1'], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error('moto server did not start (python3 -m moto.server)');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, port, pid: child.pid, stop };
}
