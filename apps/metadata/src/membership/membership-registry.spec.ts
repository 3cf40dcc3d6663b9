import { describe, expect, it } from 'vitest';
import { MembershipRegistry, type WorkerInfo } from './membership-registry';

const worker = (id: string, port = 1): WorkerInfo => ({
  worker_id: id,
  host: '127.0.0.1',
  grpc_port: port,
  http_port: port + 1,
  last_heartbeat_ms: 0,
  data_dir: `/cache/${id}`,
});

function setup() {
  let now = 1_000;
  const events: string[] = [];
  const sut = new MembershipRegistry({
    workerTimeoutMs: 4_000,
    heartbeatIntervalMs: 1_000,
    now: () => now,
    onChange: (e, w) => events.push(`${e} ${w.worker_id}`),
  });
  return { sut, events, advance: (ms: number) => (now += ms), now: () => now };
}

describe(MembershipRegistry.name, () => {
  it('lists registered workers sorted by id, stamped with the time they were last heard from', () => {
    const { sut } = setup();
    sut.register(worker('w2'));
    sut.register(worker('w1'));
    expect(sut.list().map((w) => [w.worker_id, w.last_heartbeat_ms])).toEqual([
      ['w1', 1_000],
      ['w2', 1_000],
    ]);
  });

  it('drops a worker not heard from within the timeout, and heartbeats keep one alive', () => {
    const { sut, advance, events } = setup();
    sut.register(worker('w1'));
    sut.register(worker('w2'));
    advance(3_000);
    expect(sut.heartbeat('w1')).toBe(true);
    advance(1_500);
    expect(sut.list().map((w) => w.worker_id)).toEqual(['w1']);
    expect(events).toEqual(['joined w1', 'joined w2', 'dropped w2']);
  });

  it('answers known=false to a heartbeat from an unknown or expired worker until it registers again', () => {
    const { sut, advance } = setup();
    expect(sut.heartbeat('ghost')).toBe(false);
    sut.register(worker('w1'));
    advance(4_001);
    expect(sut.heartbeat('w1')).toBe(false);
    sut.register(worker('w1', 7));
    expect(sut.heartbeat('w1')).toBe(true);
    expect(sut.list()[0].grpc_port).toBe(7);
  });

  it('refuses a worker without an id', () => {
    const { sut } = setup();
    expect(() => sut.register(worker(''))).toThrow(/worker_id/);
  });

  it('hands out copies, so callers cannot change its state', () => {
    const { sut } = setup();
    sut.register(worker('w1'));
    sut.list()[0].host = 'evil';
    expect(sut.list()[0].host).toBe('127.0.0.1');
  });
});
