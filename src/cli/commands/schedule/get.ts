import { Args } from '@oclif/core';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { formatDuration } from '../../../common/duration.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { commandText } from '../../lib/describe.js';
import { whenText } from '../../lib/human-time.js';
import { details, labelsText, palette } from '../../lib/output.js';
import { scheduleJson } from '../../lib/wire-json.js';

export default class ScheduleGet extends BaseCommand<Schedule__Output> {
  static override summary = 'Show one schedule.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  static override examples = ['<%= config.bin %> <%= command.id %> hello'];

  async run(): Promise<Schedule__Output> {
    const { args, flags } = await this.parse(ScheduleGet);
    return call(await this.control(flags), 'getSchedule', { name: args.name });
  }

  protected override toJson(result: Schedule__Output): unknown {
    return scheduleJson(result);
  }

  protected render(s: Schedule__Output): void {
    const now = Date.now();
    const spec = s.spec;
    const pairs: [string, string][] = [
      ['Name', s.name],
      ['Cron', s.cron === '' ? `- (runs after ${s.after?.schedule ?? '?'})` : `${s.cron} (${s.tz === '' ? 'UTC' : s.tz})`],
      ['Paused', s.paused ? 'yes' : 'no'],
      ['Next run', s.paused ? '-' : whenText(s.nextDueAtMs, now)],
      ['Last fired', whenText(s.lastFiredDueAtMs, now)],
      ['Created', whenText(s.createdAtMs, now)],
      [spec?.http ? 'Request' : spec !== null && spec.argv.length > 0 ? 'Program' : 'Shell', commandText(spec)],
    ];
    if (spec?.http) {
      const headers = Object.keys(spec.http.headers);
      if (headers.length > 0) pairs.push(['Headers', headers.join(', ')]);
      pairs.push(['Success', spec.http.successCodes || '200-299']);
      pairs.push(['Redirects', spec.http.followRedirects ? 'followed (up to 5)' : 'not followed']);
      if (spec.http.insecureTls) pairs.push(['TLS', 'the certificate is not verified (--insecure-tls)']);
    }
    if (spec !== null) {
      if (spec.cwd !== '') pairs.push(['Directory', spec.cwd]);
      if (spec.user !== '') pairs.push(['User', spec.user]);
      if (spec.timeoutMs > 0) pairs.push(['Timeout', formatDuration(spec.timeoutMs)]);
      if (Object.keys(spec.env).length > 0) pairs.push(['Env', labelsText(spec.env)]);
      if (Object.keys(spec.envFromVar).length > 0) pairs.push(['Env from vars', labelsText(spec.envFromVar)]);
    }
    pairs.push(['Selector', [labelsText(s.selector), ...s.requirements].filter((p) => p !== '-').join(', ') || '-']);
    pairs.push(['Overlap', s.overlap === 'queue' ? `queue:${s.queueMax}` : s.overlap || 'forbid']);
    pairs.push(['Misfire', `${s.misfire || 'once'} (catch up ${formatDuration(s.catchupMs)})`]);
    if (s.retries > 0) pairs.push(['Retries', `${s.retries} (backoff ${formatDuration(s.backoffMinMs)}..${formatDuration(s.backoffMaxMs)})`]);
    if (s.after) pairs.push(['After', `${s.after.schedule} (on ${s.after.on})`]);
    if (s.chained.length > 0) pairs.push(['Starts', s.chained.join(', ')]);
    pairs.push(['Version', String(s.version)]);
    process.stdout.write(details(pairs, palette()));
  }
}
