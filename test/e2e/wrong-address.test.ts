import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, singleNode } from '../helpers/procs.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** An HTTP/2 server that is not a coordinator, as a mistyped port may reach (a proxy, another service). */
async function notACoordinator(): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a coordinator address that reaches something else', () => {
  it('is named as not a coordinator (exit 7), and the next address of the list is tried', async () => {
    const { port, env } = await singleNode();
    const wrong = await notACoordinator();

    const alone = await cli(['--coordinator', wrong, 'status'], env);
    expect(alone.code).toBe(7);
    expect(alone.stderr).toBe(`Error: ${wrong} is not a Parallax coordinator (it answered HTTP status code 404): is this the address the coordinator listens on?\n`);

    const listed = await cli(['--coordinator', `${wrong},127.0.0.1:${port}`, 'status', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
  });
});
