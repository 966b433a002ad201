import * as grpc from '@grpc/grpc-js';
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
});
