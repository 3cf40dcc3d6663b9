import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MembershipAgent, type MembershipApi } from './membership-agent';

/** A MembershipService fake: `down` makes every call fail as an unreachable service would. */
class FakeMembership implements MembershipApi {
  down = false;
  known = new Set<string>();
  registrations = 0;
  heartbeats = 0;

  async RegisterWorker(req: { worker: { worker_id?: string } }) {
    if (this.down) throw Object.assign(new Error('14 UNAVAILABLE'), { code: 14 });
    this.registrations++;
    this.known.add(req.worker.worker_id!);
    return { heartbeat_interval_ms: 20 };
  }

  async Heartbeat(req: { worker_id: string }) {
    if (this.down) throw Object.assign(new Error('14 UNAVAILABLE'), { code: 14 });
    this.heartbeats++;
    return { known: this.known.has(req.worker_id) };
  }
}

describe(MembershipAgent.name, () => {
  let agent: MembershipAgent | undefined;
  afterEach(() => agent?.stop());

  function start(fake: FakeMembership) {
    agent = new MembershipAgent(fake, { worker_id: 'w1', host: 'h', grpc_port: 1, http_port: 2, data_dir: '/d' }, {
      heartbeatIntervalMs: 1_000, // replaced by the 20 ms metadata returns
      log: pino({ level: 'silent' }),
    });
    agent.start();
    return agent;
  }

  it('registers, then heartbeats at the interval metadata returns', async () => {
    const fake = new FakeMembership();
    start(fake);
    await expect.poll(() => fake.heartbeats, { timeout: 2_000 }).toBeGreaterThan(3);
    expect(fake.registrations).toBe(1);
  });

  it('registers again when a heartbeat says the worker is unknown', async () => {
    const fake = new FakeMembership();
    start(fake);
    await expect.poll(() => fake.registrations).toBe(1);
    fake.known.clear();
    await expect.poll(() => fake.registrations).toBe(2);
    expect(fake.known.has('w1')).toBe(true);
  });

  it('keeps retrying while metadata is down and registers once it is back', async () => {
    const fake = new FakeMembership();
    fake.down = true;
    const a = start(fake);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.isRegistered).toBe(false);
    fake.down = false;
    await expect.poll(() => a.isRegistered, { timeout: 3_000 }).toBe(true);
  });
});
