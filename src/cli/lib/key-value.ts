import { InvalidArgumentError } from '../../common/errors.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface KeyValueRule {
  /** The flag without dashes, for the error's field and message. */
  flag: string;
  /** What the flag takes, for the message: "KEY=VALUE". */
  shape: string;
  /** Keys must be environment variable names. */
  envName?: boolean;
  /** Values may not be empty. */
  valueRequired?: boolean;
}

/** Repeated `--flag K=V` values as a map. The first `=` splits, so values may contain `=`. */
export function parseKeyValues(values: readonly string[] | undefined, rule: KeyValueRule): Record<string, string> {
  const out: Record<string, string> = {};
  const fail = (message: string) => new InvalidArgumentError(`invalid --${rule.flag}: ${message}`, { field: rule.flag });
  for (const item of values ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw fail(`"${item}" is not ${rule.shape}`);
    const key = item.slice(0, at);
    const value = item.slice(at + 1);
    if (rule.envName === true && !ENV_NAME.test(key)) {
      throw fail(`"${key}" is not an environment variable name (letters, digits and _, not starting with a digit)`);
    }
    if (rule.valueRequired === true && value === '') throw fail(`"${item}" has nothing after "=": expected ${rule.shape}`);
    if (Object.hasOwn(out, key)) throw fail(`${key} is given twice`);
    out[key] = value;
  }
  return out;
}
