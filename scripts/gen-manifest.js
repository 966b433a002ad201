#!/usr/bin/env node
// Writes oclif.manifest.json at the package root, after `tsc` has built dist/. With the manifest, `parallax` knows
// every command's flags and help without importing the command modules, and loads only the one it runs.
// It uses @oclif/core's own Plugin loader, so the manifest is exactly what oclif would have computed at start-up.
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// oclif looks for TypeScript sources instead of dist/ when NODE_ENV is "development" or "test" (as under vitest);
// the manifest must always point at the built JavaScript.
process.env.NODE_ENV = 'production';
const { Plugin } = await import('@oclif/core');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();

const ids = Object.keys(plugin.manifest.commands).sort();
if (ids.length === 0) {
  console.error(`gen-manifest: no commands found under ${plugin.pjson.oclif.commands}: run tsc first`);
  process.exit(1);
}
const manifest = {
  ...plugin.manifest,
  commands: Object.fromEntries(ids.map((id) => [id, plugin.manifest.commands[id]])),
};
const path = join(root, 'oclif.manifest.json');
writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
renameSync(`${path}.tmp`, path);
console.error(`gen-manifest: ${ids.length} commands → oclif.manifest.json`);
