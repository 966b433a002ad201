import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceId } from '../../src/agent/instance-id.js';
import { tempDir } from '../helpers/tmp.js';

describe("an agent's instance id", () => {
  it('is made once per data directory and kept there (0600), so a restart is the same agent and another host is not', () => {
    const dir = tempDir();
    const id = instanceId(dir);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(instanceId(dir)).toBe(id);
    expect(statSync(join(dir, 'instance')).mode & 0o777).toBe(0o600);
    expect(instanceId(tempDir())).not.toBe(id);
  });

  it('replaces a file that does not hold one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'instance'), 'garbage\n');
    expect(instanceId(dir)).toMatch(/^[0-9a-f]{32}$/);
  });
});
