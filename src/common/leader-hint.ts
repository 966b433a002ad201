/**
 * The trailer a coordinator that is not the leader sets when it refuses what only the leader does (an agent's
 * session): the leader's address, so the client goes there next instead of trying every node.
 */
export const LEADER_METADATA_KEY = 'parallax-leader';
