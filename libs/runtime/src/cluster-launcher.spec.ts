import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS, type ServiceName } from './cluster-launcher';

// The launcher, docker-compose.yml and the Dockerfile each start the services; they must pass the same node flags.

const ROOT = join(__dirname, '../../..');

/** The argv of every `command:`/`CMD` array in `text` that runs `service`'s entry point. */
function commandsOf(text: string, service: ServiceName): string[][] {
  const entry = `dist/apps/${service}/src/main.js`;
  return [...text.matchAll(/(?:command:|CMD)\s*(\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]) as string[]).filter((argv) => argv.includes(entry));
}

describe('SERVICE_NODE_FLAGS', () => {
  it('are the flags docker-compose.yml and the Dockerfile start each service with', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    for (const service of Object.keys(SERVICE_NODE_FLAGS) as ServiceName[]) {
      const runs = [...commandsOf(compose, service), ...commandsOf(dockerfile, service)];
      expect(runs.length, service).toBeGreaterThan(0);
      for (const argv of runs) {
        expect(argv[0]).toBe('node');
        expect(argv.slice(1, -1), `${service}: ${JSON.stringify(argv)}`).toEqual([...SERVICE_NODE_FLAGS[service]]);
      }
    }
  });
});
