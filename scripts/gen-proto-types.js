#!/usr/bin/env node
// Regenerates the TypeScript types of the wire contracts in proto/ (src/common/proto/gen).
// `node scripts/gen-proto-types.js --out DIR` writes them elsewhere: the freshness test compares the two.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? process.argv[outFlag + 1] : join(root, 'src/common/proto/gen');
const protoDir = join(root, 'proto');
const files = readdirSync(join(protoDir, 'parallax/v1'))
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => `parallax/v1/${f}`);

// These options must match the ones src/common/proto/load.ts gives proto-loader at run time.
const options = ['--longs=Number', '--enums=String', '--defaults', '--oneofs', '--includeComments'];
const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve('@grpc/proto-loader/package.json')), 'build/bin/proto-loader-gen-types.js');

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [generator, ...options, '--grpcLib=@grpc/grpc-js', '--importFileExtension=.js', '-I', protoDir, '-O', outDir, ...files],
  { stdio: 'inherit' },
);

// The generator writes the absolute path of each .proto into a comment; make it relative so the output does not
// depend on where the repository is checked out.
for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  writeFileSync(file, readFileSync(file, 'utf8').split(`${protoDir}/`).join('proto/'));
}
