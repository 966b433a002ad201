/**
 * The trailer a coordinator that is not the leader sets when it refuses what only the leader does (an agent's
 * session): the leader's address, so the client goes there next instead of trying every node; empty when it knows
 * of no leader.
 */
export const LEADER_METADATA_KEY = 'parallax-leader';

/**
 * Request metadata of a read: `stale` asks the node to answer from its own state as it is, without first confirming
 * with the leader that it has every acknowledged write (faster, works without a leader, may be behind).
 */
export const READ_METADATA_KEY = 'parallax-read';
export const STALE_READ = 'stale';

/** Request metadata: the tenant a request acts in (the CLI's --tenant); absent: the caller's only tenant. */
export const TENANT_METADATA_KEY = 'parallax-tenant';
