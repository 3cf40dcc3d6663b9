import { describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { componentsToKey, CONTINUED_PREFIX, keyToComponents, LocalLayout, NAME_MAX_BYTES, parseComponent } from './layout';

// S3 keys are up to 1,024 bytes with '/'-separated parts of any length; a file name is at most 255 bytes (NAME_MAX).
// Segments that do not fit one name become a chain of `.silt~c~` directories (./layout.ts).

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof S3Error ? err.code : `not an S3Error: ${String(err)}`;
  }
};
const emoji = '😀'; // 4 UTF-8 bytes, 2 UTF-16 units

const long: Array<[name: string, key: string]> = [
  ['a 256-byte segment', 'x'.repeat(256)],
  ['a 300-byte segment under a prefix', `dir/${'y'.repeat(300)}/leaf`],
  ['1024 bytes in one segment', 'z'.repeat(1024)],
  ['1024 bytes of 4-byte emoji', emoji.repeat(256)],
  ['256 bytes of 2-byte characters', 'é'.repeat(128)],
  ['255 bytes of 3-byte characters (fits one name)', '日'.repeat(85)],
  ['a reserved segment that fits raw, not escaped', `.silt~${'x'.repeat(200)}`],
  ['a long segment whose tail is ".."', `.silt~${'x'.repeat(241)}..`],
  ['a long segment whose tail is reserved', `${'q'.repeat(247)}.silt~self`],
  ['a long folder object', `${'f'.repeat(400)}/`],
  ['a long segment then an empty one', `${'g'.repeat(400)}//x`],
  ['mixed widths cut between characters', `${'a'.repeat(246)}${emoji}${'b'.repeat(300)}`],
];

describe('local layout: segments longer than a file name', () => {
  it.each(long)('%s round-trips through names of at most 255 bytes', (_, key) => {
    const components = keyToComponents(key);
    for (const c of components) expect(bytes(c)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    for (const c of components) expect(['.', '..', '']).not.toContain(c);
    expect(componentsToKey(components)).toBe(key);
  });

  it('stores a 300-byte segment as a readable chain: one continuation directory, then the rest', () => {
    expect(keyToComponents('y'.repeat(300))).toEqual([`${CONTINUED_PREFIX}${'y'.repeat(247)}`, 'y'.repeat(53)]);
  });

  it('never cuts a character in two', () => {
    for (const c of keyToComponents(emoji.repeat(256))) {
      const decoded = parseComponent(c)!.text;
      expect(Buffer.from(decoded, 'utf8').toString('utf8')).toBe(decoded);
      expect(decoded).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/);
    }
  });

  it('keeps every name the old layout could store (data written before reads back)', () => {
    expect(keyToComponents('x'.repeat(255))).toEqual(['x'.repeat(255)]);
    expect(keyToComponents(`a/${'é'.repeat(127)}`)).toEqual(['a', 'é'.repeat(127)]);
    expect(keyToComponents('dir/')).toEqual(['dir', '.silt~e~']);
    expect(keyToComponents(`.silt~${'x'.repeat(179)}`)).toEqual([`.silt~e~${Buffer.from(`.silt~${'x'.repeat(179)}`).toString('base64url')}`]);
  });

  it('cannot collide with a plain name: a user segment spelled like a continuation is escaped', () => {
    const plain = `${CONTINUED_PREFIX}${'y'.repeat(247)}/${'y'.repeat(53)}`; // the chain's path, typed as a key
    expect(keyToComponents(plain)).not.toEqual(keyToComponents('y'.repeat(300)));
    expect(componentsToKey(keyToComponents(plain))).toBe(plain);
  });

  it('maps distinct keys to distinct paths', () => {
    const keys = ['y'.repeat(300), 'y'.repeat(247) + '/' + 'y'.repeat(53), 'y'.repeat(301), 'y'.repeat(300) + '/', `${'y'.repeat(300)}/a`];
    const paths = new Set(keys.map((k) => keyToComponents(k).join('/')));
    expect(paths.size).toBe(keys.length);
  });

  it('places a key that is also a directory in the chain\'s last directory', () => {
    const layout = new LocalLayout('/r');
    const seg = 'w'.repeat(300);
    const object = layout.objectPaths('b', seg);
    const child = layout.objectPaths('b', `${seg}/c`);
    expect(child.parents[child.parents.length - 1]).toBe(object.direct);
    expect(object.self).toBe(`${object.direct}/.silt~self`);
  });

  it('keeps 1024-byte keys under PATH_MAX below a mount prefix, and refuses paths over it with KeyTooLongError', () => {
    const mount = new LocalLayout(`/${'m'.repeat(200)}/${'n'.repeat(200)}`, true);
    expect(codeOf(() => mount.objectPaths('b', emoji.repeat(256)))).toBeUndefined();
    expect(codeOf(() => mount.objectPaths('b', 'a/'.repeat(512)))).toBeUndefined();
    // 1,024 empty segments cost 9 bytes of path each: no file system path can hold them.
    expect(codeOf(() => mount.objectPaths('b', '/'.repeat(1023)))).toBe('KeyTooLongError');
  });
});
