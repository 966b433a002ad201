import { hash } from 'node:crypto';
import { AUDIT_HEAD_KEY, AUDIT_PREFIX, auditKey } from '../storage/keys.js';
import { type KvReader, prefixEnd } from '../storage/kv.js';
import type { Tx } from './tx.js';

/** Who asked for a change, and what it was: put into a command by the API, so the FSM records it as it applies. */
export interface AuditContext {
  actor: string;
  /** user (OIDC), token (API token), or bootstrap (the token `parallax-coordinator init` printed) */
  actorKind: string;
  tenant: string;
  /** the permission the request needed, such as schedules:create, or a more precise name where one allows several changes (agents:undrain, variables:delete) */
  action: string;
  /** what it acted on, such as schedule/backup-db */
  resource: string;
  /** the client's address as the coordinator saw it */
  client: string;
  at: number;
}

/** missed: due times of a schedule that were not fired (the scheduler's misfire or overlap policy, or no leader). */
export type AuditResult = 'ok' | 'refused' | 'denied' | 'missed';

export interface AuditEntry extends AuditContext {
  seq: number;
  result: AuditResult;
  /** why it was refused or denied: an error code and message, never a secret */
  reason: string;
  /** the hash of the entry before (64 zeros for the first) */
  prev: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/**
 * The hash of an entry: SHA-256 over its fields in a fixed order (a JSON array, so no field can be moved into
 * another), the previous entry's hash included, so changing or removing any entry breaks every link after it.
 */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.actor,
    entry.actorKind,
    entry.tenant,
    entry.action,
    entry.resource,
    entry.result,
    entry.reason,
    entry.client,
    entry.prev,
  ];
  return hash('sha256', JSON.stringify(fields), 'hex');
}

interface Head {
  seq: number;
  hash: string;
}

/** Appends an entry to the chain in the same batch as the change it records. */
export async function appendAudit(tx: Tx, context: AuditContext, result: AuditResult, reason = ''): Promise<AuditEntry> {
  const head = (await tx.getJson<Head>(AUDIT_HEAD_KEY)) ?? { seq: 0, hash: GENESIS };
  const body: Omit<AuditEntry, 'hash'> = {
    seq: head.seq + 1,
    at: context.at,
    actor: context.actor,
    actorKind: context.actorKind,
    tenant: context.tenant,
    action: context.action,
    resource: context.resource,
    result,
    reason,
    client: context.client,
    prev: head.hash,
  };
  const entry: AuditEntry = { ...body, hash: hashEntry(body) };
  tx.putJson(auditKey(entry.seq), entry);
  tx.putJson(AUDIT_HEAD_KEY, { seq: entry.seq, hash: entry.hash } satisfies Head);
  return entry;
}

export interface AuditFilter {
  /** only entries of this tenant (absent: all, for a cluster-wide auditor) */
  tenant?: string;
  since?: number;
  actor?: string;
  limit: number;
}

/** Entries matching the filter, oldest first, the newest `limit` of them. */
export async function listAudit(state: KvReader, filter: AuditFilter): Promise<AuditEntry[]> {
  const found: AuditEntry[] = [];
  for await (const [, value] of state.scan({ gte: AUDIT_PREFIX, lt: prefixEnd(AUDIT_PREFIX), reverse: true })) {
    const entry = JSON.parse(value.toString('utf8')) as AuditEntry;
    if (filter.since !== undefined && entry.at < filter.since) break;
    if (filter.tenant !== undefined && entry.tenant !== filter.tenant) continue;
    if (filter.actor !== undefined && entry.actor !== filter.actor) continue;
    found.push(entry);
    if (found.length >= filter.limit) break;
  }
  return found.reverse();
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** the first entry that does not match (0: none), and what is wrong with it */
  badSeq: number;
  problem: string;
}

/**
 * Recomputes the chain from the first entry. An entry whose fields were changed no longer matches its own hash; one
 * whose hash was recomputed as well no longer matches the `prev` of the entry after it; a deleted entry leaves a
 * gap in the numbers; entries deleted from the end leave the head pointing past the last one.
 */
export async function verifyAudit(state: KvReader): Promise<AuditVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  const bad = (badSeq: number, problem: string): AuditVerdict => ({ ok: false, entries: count, badSeq, problem });
  for await (const [key, value] of state.scan({ gte: AUDIT_PREFIX, lt: prefixEnd(AUDIT_PREFIX) })) {
    const seq = Number(key.slice(AUDIT_PREFIX.length));
    let entry: AuditEntry;
    try {
      entry = JSON.parse(value.toString('utf8')) as AuditEntry;
    } catch {
      return bad(seq, `entry ${seq} is not readable (its stored bytes were changed)`);
    }
    if (seq !== expectedSeq) {
      return bad(expectedSeq, seq > expectedSeq ? `entry ${expectedSeq} is missing (deleted)` : `entry ${seq} is out of order`);
    }
    const { hash, ...body } = entry;
    if (entry.seq !== seq || hashEntry(body) !== hash) return bad(seq, `entry ${seq} does not match its hash (it was changed after it was written)`);
    if (entry.prev !== prevHash) {
      return bad(seq - 1, `entry ${seq - 1} was changed: entry ${seq} holds a different hash for it`);
    }
    prevHash = hash;
    expectedSeq++;
    count++;
  }
  const head = await state.get(AUDIT_HEAD_KEY);
  if (head !== undefined) {
    const { seq, hash } = JSON.parse(head.toString('utf8')) as Head;
    if (seq >= expectedSeq) return bad(expectedSeq, `entries ${expectedSeq} to ${seq} are missing (deleted from the end)`);
    if (seq === count && hash !== prevHash) return bad(seq, `entry ${seq} was changed: the head of the log holds a different hash for it`);
  }
  return { ok: true, entries: count, badSeq: 0, problem: '' };
}
