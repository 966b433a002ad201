import type { Metadata } from '@grpc/grpc-js';
import { READ_METADATA_KEY, STALE_READ } from '../../common/metadata-keys.js';

/** What a read asks for: linearizable by default, or this node's state as it is (`parallax … --stale`). */
export function readOptions(call: { metadata: Metadata }): { stale: boolean } {
  return { stale: call.metadata.get(READ_METADATA_KEY)[0] === STALE_READ };
}
