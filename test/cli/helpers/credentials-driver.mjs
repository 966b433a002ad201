// Runs in a child process with the environment under test (no D-Bus, or a D-Bus session with a real Secret
// Service): opens a credential store from the BUILT module, follows a plan of steps and prints one line,
// "RESULT <json>", with what each step gave or threw.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const modulePath = process.env.PARALLAX_TEST_MODULE;
const configDir = process.env.PARALLAX_CONFIG_DIR;
const plan = JSON.parse(process.env.PARALLAX_TEST_PLAN ?? '[]');
const { openCredentialStore } = await import(modulePath);
// keytar as the built CLI finds it, to look into the keyring behind the store's back.
const keytar = () => createRequire(modulePath)('keytar');

function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      return statSync(join(dir, command)).isFile();
    } catch {
      return false;
    }
  });
}

/** The secret as the keyring holds it: through secret-tool (libsecret-tools), a second reader, when installed. */
async function lookup(profile) {
  if (!onPath('secret-tool')) return { via: 'keytar', secret: await keytar().getPassword('parallax', profile) };
  try {
    const out = execFileSync('secret-tool', ['lookup', 'service', 'parallax', 'account', profile], { timeout: 10_000 });
    return { via: 'secret-tool', secret: out.toString() };
  } catch (err) {
    // secret-tool says "not found" by exiting 1 without output.
    if (err.status === 1 && err.stdout.length === 0) return { via: 'secret-tool', secret: null };
    throw err;
  }
}

const warnings = [];
let store;
const steps = [];
for (const step of plan) {
  try {
    let value;
    switch (step.op) {
      case 'open':
        store = await openCredentialStore({ configDir, env: step.env, warn: (message) => warnings.push(message) });
        value = { where: store.where, description: store.description };
        break;
      case 'set':
        value = await store.set(step.profile, step.credentials);
        break;
      case 'get':
        value = await store.get(step.profile);
        break;
      case 'delete':
        value = await store.delete(step.profile);
        break;
      case 'keyring-lookup':
        value = await lookup(step.profile);
        break;
      case 'keyring-store':
        value = await keytar().setPassword('parallax', step.profile, step.secret);
        break;
      case 'files':
        value = (existsSync(configDir) ? readdirSync(configDir) : []).map((name) => ({
          name,
          mode: statSync(join(configDir, name)).mode & 0o777,
        }));
        break;
      default:
        throw new Error(`unknown step ${step.op}`);
    }
    steps.push({ op: step.op, value: value ?? null });
  } catch (err) {
    steps.push({ op: step.op, error: { name: err?.name, message: err?.message ?? String(err) } });
  }
}
console.log(`RESULT ${JSON.stringify({ warnings, steps })}`);
