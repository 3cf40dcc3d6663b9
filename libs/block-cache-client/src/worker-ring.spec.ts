import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MembershipServiceClient } from '../../grpc/generated/silt/metadata/v1/MembershipService';
import type { WorkerInfo__Output } from '../../grpc/generated/silt/metadata/v1/WorkerInfo';
import type { Typed } from '../../grpc/src/clients';
import { WorkerRing } from './worker-ring';

const workerOf = (id: string, http_port = 29997): WorkerInfo__Output => ({ worker_id: id, host: 'h', grpc_port: 1, http_port, last_heartbeat_ms: 0, data_dir: '' });

async function ringOf(workers: WorkerInfo__Output[]): Promise<WorkerRing> {
  const membership = { api: { ListWorkers: async () => ({ workers }) } } as unknown as Typed<MembershipServiceClient>;
  const ring = new WorkerRing(membership, pino({ level: 'silent' }));
  await ring.refresh();
  return ring;
}

describe(WorkerRing.name, () => {
  it('firstHealthy: the owner, else the next worker that has not failed and that the caller accepts', async () => {
    const ring = await ringOf([workerOf('a'), workerOf('b'), workerOf('c')]);
    const order = ring.order('bucket/key').map((w) => w.worker_id);
    expect(ring.firstHealthy('bucket/key')?.worker_id).toBe(order[0]);
    ring.markFailed(order[0]);
    expect(ring.firstHealthy('bucket/key')?.worker_id).toBe(order[1]);
    expect(ring.firstHealthy('bucket/key', (w) => w.worker_id === order[2])?.worker_id).toBe(order[2]);
    ring.markFailed(order[1]);
    ring.markFailed(order[2]);
    expect(ring.firstHealthy('bucket/key')).toBeUndefined(); // all suspect: the caller proxies
  });

  it('firstHealthy of an empty ring is undefined', async () => {
    expect((await ringOf([])).firstHealthy('k')).toBeUndefined();
  });
});
