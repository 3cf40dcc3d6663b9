import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, isSecretOption, parseAddress, parseArgs, parseMountOption, parseTarget, secretValues, UsageError } from './args';

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
      options: {},
    });
    expect(parseArgs(['--json', 'stats', '--metadata=[::1]:29991'])).toMatchObject({ command: 'stats', json: true, metadata: '[::1]:29991', concurrency: DEFAULT_CONCURRENCY, progress: true });
    expect(parseArgs(['where', '--', '-odd/--key'])).toMatchObject({ command: 'where', positionals: ['-odd/--key'] });
  });

  it('answers help for -h / --help anywhere, and for the help command', () => {
    expect(parseArgs(['--help']).command).toBe('help');
    expect(parseArgs(['load', 'x', '-h']).command).toBe('help');
    expect(parseArgs(['help']).command).toBe('help');
  });

  it('reads mount, its two arguments and repeatable --option key=value in both forms', () => {
    expect(
      parseArgs([
        'mount', '/s3-mount', 's3://their-bucket/prefix',
        '--option', 's3.endpoint=http://127.0.0.1:5000', '--option=s3.forcePathStyle=true',
        '--option', 's3.secretAccessKey=a=b/c+d', '--metadata', 'h:1', '--json',
      ]),
    ).toEqual({
      command: 'mount',
      positionals: ['/s3-mount', 's3://their-bucket/prefix'],
      metadata: 'h:1',
      json: true,
      concurrency: DEFAULT_CONCURRENCY,
      progress: true,
      options: { 's3.endpoint': 'http://127.0.0.1:5000', 's3.forcePathStyle': 'true', 's3.secretAccessKey': 'a=b/c+d' },
    });
    expect(parseArgs(['mount', '/localmnt', '/tmp/dir'])).toMatchObject({ positionals: ['/localmnt', '/tmp/dir'], options: {} });
    expect(parseArgs(['mount', '/m', 's3://b', '--option', 's3.region='])).toMatchObject({ options: { 's3.region': '' } });
    expect(parseArgs(['unmount', '/localmnt'])).toMatchObject({ command: 'unmount', positionals: ['/localmnt'] });
    expect(parseArgs(['mounts', '--json'])).toMatchObject({ command: 'mounts', positionals: [], json: true });
  });

  it('refuses bad mount usage without ever showing an option value', () => {
    expect(usage(['mount'])).toBe('mount needs a mount point and a UFS URI: silt mount <mount-point> <ufs-uri> [--option key=value]...');
    expect(usage(['mount', '/m'])).toMatch(/^mount needs a mount point and a UFS URI/);
    expect(usage(['unmount'])).toBe('unmount needs a mount point: silt unmount <mount-point>');
    expect(usage(['unmount', '/a', '/b'])).toBe('unmount takes at most 1 argument, got "/b"');
    expect(usage(['mounts', '/a'])).toBe('mounts takes no arguments, got "/a"');
    expect(usage(['mount', '/m', 's3://b', '--option'])).toBe('--option needs a value');
    expect(usage(['mount', '/m', 's3://b', '--option', 's3.region'])).toBe('--option s3.region has no value (expected --option s3.region=<value>)');
    expect(usage(['mount', '/m', 's3://b', '--option=s3.secretAccessKey'])).toBe('--option s3.secretAccessKey has no value (expected --option s3.secretAccessKey=<value>)');
    expect(usage(['mount', '/m', 's3://b', '--option', 'wJalr/XUtnFEMI+K7MDENG'])).toBe('an --option has no "=" (expected --option key=value)');
    expect(usage(['mount', '/m', 's3://b', '--option', '=SUPERSECRET'])).toBe('an --option has an empty name (expected --option key=value)');
    expect(usage(['mount', '/m', 's3://b', '--option', 's3.region=a', '--option', 's3.region=b'])).toBe('--option s3.region is given twice');
    expect(usage(['mounts', '--option', 's3.region=x'])).toBe('--option applies to mount, not mounts');
    // The stray word may be a credential the user meant as a value: counted, not shown.
    expect(usage(['mount', '/m', 's3://b', '--option', 's3.secretAccessKey=', 'SUPERSECRET'])).toBe('mount takes 2 arguments (<mount-point> <ufs-uri>), got 3');
    expect(usage(['mount', '/m', 's3://b', '--concurrency', '2'])).toBe('--concurrency applies to load and free, not mount');
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

describe('mount options', () => {
  it('splits at the first "="', () => {
    expect(parseMountOption('s3.endpoint=http://h:1/?a=b')).toEqual(['s3.endpoint', 'http://h:1/?a=b']);
    expect(parseMountOption('k=')).toEqual(['k', '']);
  });

  it('knows credential names the way the metadata service does', () => {
    for (const k of ['s3.secretAccessKey', 's3.accessKeyId', 's3.sessionToken', 'x.password']) expect(isSecretOption(k)).toBe(true);
    for (const k of ['s3.endpoint', 's3.region', 's3.forcePathStyle']) expect(isSecretOption(k)).toBe(false);
  });

  it('finds the credential values anywhere on the command line, well-formed or not', () => {
    expect(
      secretValues([
        'mount', '/m', 's3://b', '--option', 's3.accessKeyId=AKID', '--option=s3.secretAccessKey=SUPER=SECRET',
        '--option', 's3.endpoint=http://h:1', '--option', 's3.sessionToken=', '--option',
      ]),
    ).toEqual(['AKID', 'SUPER=SECRET']);
    expect(secretValues(['mount', '--', '--option', 's3.secretAccessKey=x'])).toEqual([]);
  });
});
