// Tags an object through the metadata service with nothing but TaggingModule (see README.md):
//   node dist/examples/tagging-app/main.js <bucket> <key> [tag=value ...]
// With tags: replaces the object's tag set with them (validated as S3 does). Without: only prints the current set.
// Prints {"bucket","key","tags"} as one JSON line; an S3 error prints {"error": code, "message"} and exits 1.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../libs/config/src/schema';
import { S3Error } from '../../libs/s3-protocol/src/errors/s3-errors';
import type { Tag } from '../../libs/tagging/src/tag-set';
import { TaggingService } from '../../libs/tagging/src/tagging.service';
import { TaggingAppModule } from './app.module';

/** `name=value` arguments (split at the first '='; no '=' is an empty value), unencoded: the shell already split them. */
export function tagsOfArgs(args: readonly string[]): Tag[] {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    return eq < 0 ? { key: arg, value: '' } : { key: arg.slice(0, eq), value: arg.slice(eq + 1) };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [bucket, key, ...tagArgs] = argv;
  if (!bucket || !key) {
    process.stderr.write('usage: node dist/examples/tagging-app/main.js <bucket> <key> [tag=value ...]\n');
    return 2;
  }
  const app = await NestFactory.createApplicationContext(TaggingAppModule.forRoot(loadConfig()), { logger: false, abortOnError: false });
  try {
    const tagging = app.get(TaggingService);
    if (tagArgs.length > 0) await tagging.putObjectTags(bucket, key, tagsOfArgs(tagArgs));
    const tags = await tagging.getObjectTags(bucket, key);
    process.stdout.write(`${JSON.stringify({ bucket, key, tags })}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof S3Error)) throw err;
    process.stdout.write(`${JSON.stringify({ error: err.code, message: err.message })}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
