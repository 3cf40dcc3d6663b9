import { describe, expect, it } from 'vitest';
import { immediateSuccessor, prefixSuccessor, startsWith, utf8 } from './byte-keys';

const hex = (b: Buffer | undefined) => b?.toString('hex');

describe('byte keys', () => {
  it('orders UTF-8 bytewise, unlike UTF-16 string comparison', () => {
    // U+FFFD is EF BF BD, U+1F600 is F0 9F 98 80: bytewise U+FFFD first; as UTF-16 the surrogate D83D sorts first.
    expect(Buffer.compare(utf8('\uFFFD'), utf8('\u{1F600}'))).toBe(-1);
    expect('\uFFFD' < '\u{1F600}').toBe(false);
  });

  it('computes the successor of a prefix, carrying over 0xFF bytes', () => {
    expect(hex(prefixSuccessor(utf8('a/')))).toBe(hex(utf8('a0')));
    expect(hex(prefixSuccessor(Buffer.from([0x61, 0xff, 0xff])))).toBe('62');
    expect(hex(prefixSuccessor(Buffer.from([0x61, 0xfe, 0xff])))).toBe('61ff');
    expect(prefixSuccessor(Buffer.from([0xff, 0xff]))).toBeUndefined();
    expect(prefixSuccessor(Buffer.alloc(0))).toBeUndefined();
  });

  it('never mutates its input', () => {
    const p = utf8('ab');
    prefixSuccessor(p);
    expect(p.toString()).toBe('ab');
  });

  it('makes every string with the prefix sort below the successor, and nothing else between', () => {
    const p = Buffer.from([0x61, 0xff]);
    const succ = prefixSuccessor(p)!;
    for (const k of [p, Buffer.from([0x61, 0xff, 0xff, 0xff]), Buffer.from([0x61, 0xff, 0x00])]) expect(k.compare(succ)).toBe(-1);
    expect(Buffer.from([0x62]).compare(succ)).toBe(0);
  });

  it('gives the immediate successor for an exclusive bound, and tests prefixes bytewise', () => {
    expect(hex(immediateSuccessor(utf8('a')))).toBe('6100');
    expect(startsWith(utf8('a/b'), utf8('a/'))).toBe(true);
    expect(startsWith(utf8('a'), utf8('a/'))).toBe(false);
  });
});
