import type { VerifyAuditResponse__Output } from '../../../common/proto/gen/parallax/v1/VerifyAuditResponse.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { FailureError } from '../../lib/failure-error.js';

export default class AuditVerify extends BaseCommand<VerifyAuditResponse__Output> {
  static override summary = 'Recompute the hash chain of the audit log and name the first entry that does not match (exit 1).';

  static override description = "Reads the coordinator's stored entries: run it against each coordinator (--coordinator, --stale) to check every copy.";

  static override flags = { ...readFlags };

  async run(): Promise<VerifyAuditResponse__Output> {
    const { flags } = await this.parse(AuditVerify);
    const verdict = await call(await this.control(flags), 'verifyAudit', {});
    if (!verdict.ok) throw new FailureError(`the audit log does not verify: ${verdict.problem} (first bad entry: ${verdict.badSeq})`);
    return verdict;
  }

  protected override toJson(result: VerifyAuditResponse__Output): unknown {
    return { ok: result.ok, entries: result.entries, badSeq: result.badSeq > 0 ? result.badSeq : null, problem: result.problem === '' ? null : result.problem };
  }

  protected render(verdict: VerifyAuditResponse__Output): void {
    process.stdout.write(`The audit log verifies: ${verdict.entries} entries, each holding the hash of the one before.\n`);
  }
}
