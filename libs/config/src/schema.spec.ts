import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envNameOf, loadConfig } from './schema';

describe(loadConfig.name, () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ env: {} });
    expect(c['s3.port']).toBe(29998);
    expect(c['s3.metadata.maxSize']).toBe(2048);
    expect(c['cache.pageSize']).toBe(1024 * 1024);
    expect(c['s3.keepAlive.idleTimeout']).toBe(60_000);
    expect(c['s3.redirect.enabled']).toBe(false);
    expect(c['s3.redirect.secret']).toBe('');
    expect(c['s3.redirect.expiry']).toBe(60_000);
  });
  it('reads the redirect secret from SILT_S3_REDIRECT_SECRET and refuses a non-positive expiry', () => {
    expect(loadConfig({ env: { SILT_S3_REDIRECT_SECRET: 'k', SILT_S3_REDIRECT_EXPIRY: '2m' } })).toMatchObject({ 's3.redirect.secret': 'k', 's3.redirect.expiry': 120_000 });
    expect(() => loadConfig({ env: { SILT_S3_REDIRECT_EXPIRY: '0s' } })).toThrow(/s3\.redirect\.expiry/);
    expect(() => loadConfig({ env: { SILT_S3_REDIRECT_EXPIRY: '-1' } })).toThrow(/s3\.redirect\.expiry/);
  });
  it('layers file < env < overrides, nested or flat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-config-'));
    const file = join(dir, 'silt.json');
    writeFileSync(file, JSON.stringify({ s3: { port: 1000, keepAlive: { idleTimeout: '0sec' } }, 'cache.pageSize': '4MiB' }));
    const c = loadConfig({ file, env: { SILT_S3_PORT: '2000' }, overrides: { 's3.region': 'eu-west-1' } });
    expect(c['s3.port']).toBe(2000);
    expect(c['s3.keepAlive.idleTimeout']).toBe(0);
    expect(c['cache.pageSize']).toBe(4 * 1024 * 1024);
    expect(c['s3.region']).toBe('eu-west-1');
  });
  it('names every bad or unknown key at start', () => {
    expect(() => loadConfig({ env: {}, overrides: { 'cache.pageSize': 'lots', 's3.nope': 1 } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { SILT_S3_PORT: '70000' } })).toThrow(/s3\.port/);
    expect(() => loadConfig({ env: {}, overrides: { 'metadata.sync.interval': '-1' } })).not.toThrow();
  });
  it('derives the per-service directories from dataDir (SILT_DATA_DIR); a per-service key that is set wins', () => {
    expect(loadConfig({ env: {} })).toMatchObject({ dataDir: './data', 'metadata.dataDir': join('data', 'metadata'), 'ufs.root': join('data', 'ufs'), 'cache.disk.dir': join('data', 'cache') });
    expect(envNameOf('dataDir')).toBe('SILT_DATA_DIR');
    expect(loadConfig({ env: { SILT_DATA_DIR: '/srv/silt' } })).toMatchObject({ 'metadata.dataDir': '/srv/silt/metadata', 'ufs.root': '/srv/silt/ufs', 'cache.disk.dir': '/srv/silt/cache' });
    const explicit = loadConfig({ env: { SILT_DATA_DIR: '/srv/silt', SILT_UFS_ROOT: '/mnt/ufs', SILT_METADATA_DATA_DIR: '/db', SILT_CACHE_DISK_DIR: '/ssd' } });
    expect(explicit).toMatchObject({ dataDir: '/srv/silt', 'metadata.dataDir': '/db', 'ufs.root': '/mnt/ufs', 'cache.disk.dir': '/ssd' });
    // The same precedence from a file: the file's dataDir is the base, the environment's explicit key wins.
    const dir = mkdtempSync(join(tmpdir(), 'silt-config-'));
    const file = join(dir, 'silt.json');
    writeFileSync(file, JSON.stringify({ dataDir: '/from-file', metadata: { dataDir: '/file-db' } }));
    expect(loadConfig({ file, env: { SILT_UFS_ROOT: '/env-ufs' } })).toMatchObject({ 'metadata.dataDir': '/file-db', 'ufs.root': '/env-ufs', 'cache.disk.dir': '/from-file/cache' });
    expect(() => loadConfig({ env: { SILT_DATA_DIR: '' } })).toThrow(/dataDir/);
  });

  it('takes s3.domain as a comma list of DNS names and refuses anything else', () => {
    expect(loadConfig({ env: {} })['s3.domain']).toBe('');
    expect(loadConfig({ env: { SILT_S3_DOMAIN: 's3.silt.local, s3.example.com' } })['s3.domain']).toBe('s3.silt.local, s3.example.com');
    expect(() => loadConfig({ env: { SILT_S3_DOMAIN: 'http://s3.silt.local' } })).toThrow(/s3\.domain/);
    expect(() => loadConfig({ env: { SILT_S3_DOMAIN: 's3.silt.local:29998' } })).toThrow(/s3\.domain/);
  });
  it('maps keys to environment names', () => expect(envNameOf('s3.keepAlive.idleTimeout')).toBe('SILT_S3_KEEP_ALIVE_IDLE_TIMEOUT'));
});
