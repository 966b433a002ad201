import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_COORDINATOR_MESSAGE, NO_TLS_MESSAGE } from '../../src/cli/lib/config.js';
import { cleanEnv, ensureBuilt, freePort, listen, portOf, removeTempHomes, root, runCli } from './helpers/cli-process.js';
import type { Server } from 'node:net';

// These run the real binary (node bin/parallax) as a user would, from dist/ and the generated manifest.
beforeAll(() => ensureBuilt(), 240_000);
afterAll(() => removeTempHomes());

const create = ['schedule', 'create', 'hello', '--cron', '*/2 * * * * *', '--shell', 'echo hi'];

describe('parallax (the binary)', () => {
  it('lists the topics and commands in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const topic of ['schedule', 'run', 'agent', 'var', 'status', 'dev']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${topic}\\s`, 'm'));
    }
  });

  it('knows every built command from its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, { relativePath: string[] }>;
    };
    const dir = join(root, 'dist/cli/commands');
    const built = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replace(/\.js$/, '').split('/').join(':'))
      .sort();
    expect(Object.keys(manifest.commands).sort()).toEqual(built);
    expect(built).toEqual(
      expect.arrayContaining(['schedule:create', 'run:logs', 'agent:list', 'var:put', 'status', 'dev']),
    );
  });

  it('exits 2 and says how to configure a coordinator when there is none', async () => {
    const { code, stdout, stderr } = await runCli(create);
    expect(code).toBe(2);
    expect(stderr).toBe(`Error: ${NO_COORDINATOR_MESSAGE}\n`);
    expect(stdout).toBe('');
  });

  it('prints the error as the one JSON document on stdout with --json', async () => {
    const { code, stdout } = await runCli([...create, '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: 'invalid_argument', message: NO_COORDINATOR_MESSAGE, field: 'coordinator' },
    });
  });

  it('refuses to talk without TLS unless --insecure is given', async () => {
    const { code, stderr } = await runCli([...create, '--coordinator', '127.0.0.1:7070']);
    expect(code).toBe(2);
    expect(stderr).toBe(`Error: ${NO_TLS_MESSAGE}\n`);
  });

  it('exits 7 when the coordinator cannot be reached', async () => {
    const port = await freePort();
    const { code, stdout, stderr } = await runCli([...create, '--coordinator', `127.0.0.1:${port}`, '--insecure']);
    expect(code).toBe(7);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Error: cannot reach the coordinator at 127.0.0.1:${port}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names every coordinator of a list when none can be reached', async () => {
    const ports = [await freePort(), await freePort()];
    const list = ports.map((p) => `127.0.0.1:${p}`);
    const { code, stderr } = await runCli(['status', '--coordinator', list.join(','), '--insecure']);
    expect(code).toBe(7);
    expect(stderr).toBe(`Error: cannot reach any of the coordinators ${list.join(', ')}: connection refused; are they running, and are these their addresses?\n`);
  });

  it('exits 7 with an error document when the coordinator cannot be reached, with --json', async () => {
    const port = await freePort();
    const { code, stdout } = await runCli(['schedule', 'list', '--json'], cleanEnv({
      PARALLAX_ADDR: `127.0.0.1:${port}`,
      PARALLAX_INSECURE: '1',
    }));
    expect(code).toBe(7);
    const doc = JSON.parse(stdout) as { error: { code: string; message: string; field: null } };
    expect(doc.error.code).toBe('unavailable');
    expect(doc.error.message).toContain(`127.0.0.1:${port}`);
  });

  it('takes the flags every command has before the command too, as etcdctl and kubectl do', async () => {
    const port = await freePort();
    const { code, stdout } = await runCli(['--coordinator', `127.0.0.1:${port}`, '--insecure', '--json', 'cluster', 'status']);
    expect(code).toBe(7);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('takes the coordinator from the current profile of the config', async () => {
    const port = await freePort();
    const env = cleanEnv();
    mkdirSync(env.PARALLAX_CONFIG_DIR!, { recursive: true });
    writeFileSync(
      join(env.PARALLAX_CONFIG_DIR!, 'config.json'),
      JSON.stringify({ current: 'dev', profiles: { dev: { coordinator: `127.0.0.1:${port}`, insecure: true } } }),
    );
    const { code, stderr } = await runCli(['agent', 'list'], env);
    expect(code).toBe(7);
    expect(stderr).toContain(`127.0.0.1:${port}`);
  });

  it('exits 2 naming an unknown flag, the flag meant, and where the flags are listed', async () => {
    const { code, stdout, stderr } = await runCli(['schedule', 'list', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Error: unknown flag --bogus; "parallax schedule list --help" lists the flags\n');
    const typo = await runCli(['run', 'list', '--stat', 'failed']);
    expect([typo.code, typo.stderr]).toEqual([2, 'Error: unknown flag --stat (did you mean --state?); "parallax run list --help" lists the flags\n']);
  });

  it('exits 2 naming an unknown command and the one meant, in text and as an error document with --json', async () => {
    const text = await runCli(['schedul', 'list']);
    expect([text.code, text.stdout, text.stderr]).toEqual([2, '', 'Error: unknown command "schedul list" (did you mean "schedule list"?); "parallax --help" lists the commands\n']);
    const doc = await runCli(['schedule', 'lst', '--json']);
    expect(doc.code).toBe(2);
    expect(JSON.parse(doc.stdout)).toEqual({
      error: { code: 'invalid_argument', message: 'unknown command "schedule lst" (did you mean "schedule list"?); "parallax schedule --help" lists its commands', field: null },
    });
  });

  it('reports an unknown flag as an error document with --json', async () => {
    const { code, stdout } = await runCli(['schedule', 'list', '--bogus', '--json']);
    expect(code).toBe(2);
    const doc = JSON.parse(stdout) as { error: { code: string; message: string; field: null } };
    expect(doc.error).toMatchObject({ code: 'invalid_argument', field: null });
    expect(doc.error.message).toBe('unknown flag --bogus; "parallax schedule list --help" lists the flags');
  });

  it('names a whole-number flag out of its range, and what it accepts, on one line', async () => {
    const { code, stdout, stderr } = await runCli(['schedule', 'create', 'x', '--every', '1h', '--shell', 'true', '--keep', '0']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Error: invalid --keep "0": expected a whole number from 1 to 100000\n');
    const limit = await runCli(['run', 'list', '--limit', 'some', '--json']);
    expect(limit.code).toBe(2);
    expect(JSON.parse(limit.stdout)).toEqual({ error: { code: 'invalid_argument', message: 'invalid --limit "some": expected a whole number of 1 or more', field: null } });
  });

  it('exits 2 for a missing argument, naming it and where the usage is', async () => {
    const { code, stderr } = await runCli(['run', 'get']);
    expect([code, stderr]).toEqual([2, 'Error: missing ID (Id of the run); "parallax run get --help" shows the usage\n']);
    // Where flags take several values, a word after one of them is taken as its value: the message says so.
    const create = await runCli(['schedule', 'create', '--every', '1h', '--shell', 'true']);
    expect(create.code).toBe(2);
    expect(create.stderr).toBe(
      'Error: missing NAME (Name of the schedule); if it was given, a flag that takes several values took it: put it before --header, --ssh-host-key, --env, --env-from-var, --selector; "parallax schedule create --help" shows the usage\n',
    );
  });

  it('checks what it parses itself before talking to anyone, naming the flag', async () => {
    const bad = await runCli(['schedule', 'create', 'x', '--cron', '* * * * *', '--shell', 'true', '--env', 'FOO']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('Error: invalid --env: "FOO" is not KEY=VALUE\n');
    const both = await runCli(['schedule', 'create', 'x', '--cron', '* * * * *', '--shell', 'true', '--', 'ls']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('pass one of --shell, --http and a program after --, not several');
    const timeout = await runCli(['schedule', 'create', 'x', '--cron', '* * * * *', '--shell', 'true', '--timeout', 'soon']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('invalid --timeout "soon"');
  });

  describe('dev', () => {
    let busy: Server;
    beforeAll(async () => {
      busy = await listen(0);
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it('exits 7 and says so when its port is taken', async () => {
      const port = portOf(busy);
      const { code, stderr } = await runCli(['dev', '--port', String(port)]);
      expect(code).toBe(7);
      expect(stderr).toBe(`Error: port ${port} is in use: pass --port\n`);
    });
  });
});
