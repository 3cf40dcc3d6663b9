import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { planCompose, type PlanOutput, type PlanSource } from './compose-plan';

const MIN = 16;
const obj = (partNumber: number, size: number): PlanSource => ({ kind: 'object', partNumber, size });
const part = (partNumber: number, size: number): PlanSource => ({ kind: 'part', partNumber, size });

/** The byte ranges the outputs stand for, source by source, in order (to compare with the sources' bytes). */
function coverage(out: readonly PlanOutput[]): Array<[source: number, start: number, end: number]> {
  const ranges: Array<[number, number, number]> = [];
  const add = (source: number, start: number, end: number) => {
    const last = ranges[ranges.length - 1];
    if (last && last[0] === source && last[2] === start) last[2] = end;
    else ranges.push([source, start, end]);
  };
  for (const o of out) {
    if (o.kind === 'keep') add(o.source, 0, o.size);
    else if (o.kind === 'copy') add(o.source, o.start, o.end);
    else for (const p of o.pieces) add(p.source, p.start, p.end);
  }
  return ranges;
}

describe('S3 compose plan', () => {
  it('passes backend parts through and copies a last object part server-side, whatever its size', () => {
    expect(planCompose([part(1, 20), part(2, 20), obj(3, 5)], MIN)).toEqual([
      { kind: 'keep', partNumber: 1, source: 0, size: 20 },
      { kind: 'keep', partNumber: 2, source: 1, size: 20 },
      { kind: 'copy', partNumber: 3, source: 2, start: 0, end: 5, size: 5 },
    ]);
  });

  it('copies object parts of at least the minimum and reads only the short ones, into parts of the minimum', () => {
    expect(planCompose([obj(1, 10), obj(2, 10), obj(3, 10)], MIN)).toEqual([
      { kind: 'upload', partNumber: 1, size: 16, pieces: [{ source: 0, start: 0, end: 10 }, { source: 1, start: 0, end: 6 }] },
      { kind: 'upload', partNumber: 2, size: 14, pieces: [{ source: 1, start: 6, end: 10 }, { source: 2, start: 0, end: 10 }] },
    ]);
    expect(planCompose([obj(1, 30), obj(2, 4), obj(3, 40)], MIN).map((o) => o.kind)).toEqual(['copy', 'upload', 'copy']);
  });

  it('gives a run followed by a backend part no short last part: merged into the previous output, or taken from its copy', () => {
    expect(planCompose([obj(1, 20), obj(2, 3), part(3, 16)], MIN)).toEqual([
      { kind: 'upload', partNumber: 1, size: 23, pieces: [{ source: 0, start: 0, end: 20 }, { source: 1, start: 0, end: 3 }] },
      { kind: 'keep', partNumber: 3, source: 2, size: 16 },
    ]);
    expect(planCompose([obj(1, 40), obj(2, 3), part(3, 16)], MIN)).toEqual([
      { kind: 'copy', partNumber: 1, source: 0, start: 0, end: 27, size: 27 },
      { kind: 'upload', partNumber: 2, size: 16, pieces: [{ source: 0, start: 27, end: 40 }, { source: 1, start: 0, end: 3 }] },
      { kind: 'keep', partNumber: 3, source: 2, size: 16 },
    ]);
  });

  it('refuses what the backend cannot take: a short run between backend parts', () => {
    expect(() => planCompose([part(1, 16), obj(2, 3), part(3, 16)], MIN)).toThrow(S3Error);
    expect(() => planCompose([obj(1, 3), part(2, 16)], MIN)).toThrowError(/at least 16 bytes/);
  });

  it('skips empty parts, and plans nothing for an empty composition', () => {
    expect(planCompose([obj(1, 0), obj(2, 0)], MIN)).toEqual([]);
    expect(planCompose([obj(1, 0), obj(2, 20), obj(3, 0)], MIN)).toEqual([{ kind: 'copy', partNumber: 2, source: 1, start: 0, end: 20, size: 20 }]);
  });

  it('keeps its invariants on random compositions', () => {
    let seed = 42;
    const rnd = (n: number) => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    let planned = 0;
    let refused = 0;
    for (let round = 0; round < 2000; round++) {
      const count = 1 + rnd(8);
      const sources: PlanSource[] = [];
      for (let i = 0; i < count; i++) {
        const kind = rnd(3) === 0 ? 'part' : 'object';
        sources.push({ kind, partNumber: i * 2 + 1 + rnd(2), size: kind === 'part' ? MIN + rnd(40) : rnd(50) });
      }
      let out: PlanOutput[];
      try {
        out = planCompose(sources, MIN);
      } catch (err) {
        expect((err as S3Error).code).toBe('EntityTooSmall');
        // Only when it cannot be done: a run of object parts shorter than the minimum before a backend part.
        let run = 0;
        let impossible = false;
        for (const s of sources) {
          if (s.kind === 'object') run += s.size;
          else {
            if (run > 0 && run < MIN) impossible = true;
            run = 0;
          }
        }
        expect(impossible).toBe(true);
        refused++;
        continue;
      }
      planned++;
      // In order, every byte once.
      const expected = sources.flatMap((s, i): Array<[number, number, number]> => (s.size > 0 ? [[i, 0, s.size]] : []));
      expect(coverage(out)).toEqual(expected);
      out.forEach((o, i) => {
        if (i < out.length - 1) expect(o.size).toBeGreaterThanOrEqual(MIN);
        if (o.kind === 'upload') expect(o.size).toBeLessThan(2 * MIN);
        if (i > 0) expect(o.partNumber).toBeGreaterThan(out[i - 1].partNumber);
        if (o.kind === 'keep') expect(o.partNumber).toBe(sources[o.source].partNumber);
      });
    }
    expect(planned).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(50);
  });
});
