import * as grpc from '@grpc/grpc-js';
import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fromServiceError } from '../../src/common/grpc-errors.js';
import { controlProto } from '../../src/common/proto/load.js';
import { freePort } from '../helpers/procs.js';

describe('a call that grpc-js could not deliver', () => {
  it('becomes "cannot reach the coordinator" with the transport reason, and no empty note of grpc-js after it', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const Control = controlProto().parallax.v1.Control;
    const client = new Control(address, grpc.credentials.createInsecure());
    try {
      const err = await new Promise<unknown>((resolve) => {
        client.ClusterStatus({}, { deadline: Date.now() + 5_000 }, (e) => resolve(e));
      });
      const known = fromServiceError(err, address);
      expect(known.code).toBe('unavailable');
      expect(known.message).toMatch(new RegExp(`^cannot reach the coordinator at ${address}: .*ECONNREFUSED ${address}\\.?$`));
    } finally {
      client.close();
    }
  });

  it('says that an HTTP/2 server which is not a coordinator is not one, rather than report a bug', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new (controlProto().parallax.v1.Control)(address, grpc.credentials.createInsecure());
    try {
      const err = await new Promise<unknown>((resolve) => client.ClusterStatus({}, { deadline: Date.now() + 5_000 }, (e) => resolve(e)));
      const known = fromServiceError(err, address);
      expect([known.code, known.message]).toEqual([
        'unavailable',
        `${address} is not a Parallax coordinator (it answered HTTP status code 404): is this the address the coordinator listens on?`,
      ]);
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
