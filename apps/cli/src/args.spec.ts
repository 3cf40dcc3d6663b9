import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, parseAddress, parseArgs, parseTarget, UsageError } from './args';

const usage = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
};

describe('parseArgs', () => {
  it('reads the command, its argument and options anywhere, in both --opt value and --opt=value forms', () => {
    expect(parseArgs(['load', 'demo/data/', '--metadata', '127.0.0.1:1234', '--concurrency=3', '--no-progress'])).toEqual({
      command: 'load',
      positionals: ['demo/data/'],
      metadata: '127.0.0.1:1234',
      json: false,
      concurrency: 3,
      progress: false,
    });
    expect(parseArgs(['--json', 'stats', '--metadata=[::1]:29991'])).toMatchObject({ command: 'stats', json: true, metadata: '[::1]:29991', concurrency: DEFAULT_CONCURRENCY, progress: true });
    expect(parseArgs(['where', '--', '-odd/--key'])).toMatchObject({ command: 'where', positionals: ['-odd/--key'] });
  });

  it('answers help for -h / --help anywhere, and for the help command', () => {
    expect(parseArgs(['--help']).command).toBe('help');
    expect(parseArgs(['load', 'x', '-h']).command).toBe('help');
    expect(parseArgs(['help']).command).toBe('help');
  });

  it('accepts the not-yet mount commands with any arguments (they fail later, not as usage)', () => {
    expect(parseArgs(['mount', '/m', 's3://b', '--metadata', 'h:1']).command).toBe('mount');
    expect(parseArgs(['mounts']).command).toBe('mounts');
  });

  it('refuses what it cannot run, with a line naming the problem', () => {
    expect(usage([])).toBe('no command given');
    expect(usage(['lod', 'x'])).toBe('unknown command "lod"');
    expect(usage(['load'])).toBe('load needs an argument');
    expect(usage(['where'])).toBe('where needs an argument');
    expect(usage(['stats', 'extra'])).toBe('stats takes no arguments, got "extra"');
    expect(usage(['load', 'a', 'b'])).toBe('load takes at most 1 argument, got "b"');
    expect(usage(['stats', '--verbose'])).toBe('unknown option --verbose');
    expect(usage(['stats', '--metadata'])).toBe('--metadata needs a value');
    expect(usage(['stats', '--metadata', '--json'])).toBe('--metadata needs a value');
    expect(usage(['stats', '--metadata', 'nohost'])).toBe('--metadata wants host:port, got "nohost"');
    expect(usage(['stats', '--metadata', 'h:70000'])).toBe('--metadata wants host:port, got "h:70000"');
    expect(usage(['load', 'x', '--concurrency', '0'])).toBe('--concurrency wants a number from 1 to 256, got "0"');
    expect(usage(['load', 'x', '--concurrency', 'many'])).toBe('--concurrency wants a number from 1 to 256, got "many"');
    expect(usage(['stats', '--concurrency', '2'])).toBe('--concurrency applies to load and free, not stats');
    expect(usage(['workers', '--no-progress'])).toBe('--no-progress applies to load and free, not workers');
    expect(usage(['stats', '--json=yes'])).toBe('--json takes no value');
  });
});

describe('parseAddress', () => {
  it('takes host:port and bracketed IPv6', () => {
    expect(parseAddress('metadata:29991')).toBe('metadata:29991');
    expect(parseAddress('[::1]:1')).toBe('[::1]:1');
    expect(() => parseAddress('::1:29991')).toThrow(UsageError);
    expect(() => parseAddress('h:0')).toThrow(UsageError);
  });
});

describe('parseTarget', () => {
  it('splits bucket and prefix at the first slash; the prefix is a plain string prefix', () => {
    expect(parseTarget('demo', false)).toEqual({ bucket: 'demo', rest: '' });
    expect(parseTarget('demo/', false)).toEqual({ bucket: 'demo', rest: '' });
    expect(parseTarget('demo/data/2024', false)).toEqual({ bucket: 'demo', rest: 'data/2024' });
    expect(parseTarget('s3://demo/a//b', false)).toEqual({ bucket: 'demo', rest: 'a//b' });
    expect(parseTarget('demo/dir/key.bin', true)).toEqual({ bucket: 'demo', rest: 'dir/key.bin' });
  });

  it('needs a bucket, and a key for where', () => {
    expect(() => parseTarget('/x', false)).toThrow('names no bucket');
    expect(() => parseTarget('', false)).toThrow(UsageError);
    expect(() => parseTarget('demo', true)).toThrow('"demo" names no key (expected <bucket>/<key>)');
    expect(() => parseTarget('demo/', true)).toThrow(UsageError);
  });
});
