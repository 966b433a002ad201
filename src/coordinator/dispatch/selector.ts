import { InvalidArgumentError } from '../../common/errors.js';

/**
 * Which agents a run may go to. A schedule's selector is equalities (`role=db`, kept as a map) and requirements,
 * each one of: `KEY!=VALUE`, `KEY in (A,B)`, `KEY notin (A,B)`, `KEY` (the agent has the label), `!KEY` (it has
 * not). An agent matches when every part holds. Requirements are kept in the canonical text `format` gives.
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'absent' };

const TOKEN = '[A-Za-z0-9._/-]{1,63}';
const TOKEN_PATTERN = new RegExp(`^${TOKEN}$`);
const SET = new RegExp(`^(${TOKEN})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const NOT_EQUAL = new RegExp(`^(${TOKEN})\\s*!=\\s*(${TOKEN})?$`);
const EXISTS = new RegExp(`^(!)?\\s*(${TOKEN})$`);

export const SELECTOR_FORMS = 'KEY=VALUE, KEY!=VALUE, KEY in (A,B), KEY notin (A,B), KEY or !KEY';

/** One requirement from its text; an InvalidArgumentError names what is wrong and what is accepted. */
export function parseRequirement(text: string): Requirement {
  const trimmed = text.trim();
  const set = SET.exec(trimmed);
  if (set !== null) {
    const values = set[3]!.split(',').map((v) => v.trim());
    if (values.length === 0 || values.some((v) => !TOKEN_PATTERN.test(v))) {
      throw new InvalidArgumentError(`invalid selector "${text}": list 1 or more values in the parentheses, separated by commas`, { field: 'selector' });
    }
    return { key: set[1]!, op: set[2] as 'in' | 'notin', values: [...new Set(values)].sort() };
  }
  const notEqual = NOT_EQUAL.exec(trimmed);
  if (notEqual !== null) return { key: notEqual[1]!, op: 'notin', values: [notEqual[2] ?? ''] };
  const exists = EXISTS.exec(trimmed);
  if (exists !== null) return { key: exists[2]!, op: exists[1] === '!' ? 'absent' : 'exists' };
  throw new InvalidArgumentError(`invalid selector "${text}": expected ${SELECTOR_FORMS}`, { field: 'selector' });
}

export function formatRequirement(r: Requirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case 'absent':
      return `!${r.key}`;
    case 'notin':
      return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
    case 'in':
      return `${r.key} in (${r.values.join(',')})`;
  }
}

/** The requirements in canonical text, checked, without repeats, in a stable order. */
export function normalizeRequirements(texts: readonly string[]): string[] {
  return [...new Set(texts.map((t) => formatRequirement(parseRequirement(t))))].sort();
}

const parsed = new Map<string, Requirement>();

function cachedRequirement(text: string): Requirement {
  let r = parsed.get(text);
  if (r === undefined) {
    r = parseRequirement(text);
    if (parsed.size < 10_000) parsed.set(text, r);
  }
  return r;
}

/** True when the agent's labels meet every equality and every requirement. */
export function matchesSelector(selector: Record<string, string>, labels: Record<string, string>, requirements: readonly string[] = []): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== value) return false;
  }
  for (const text of requirements) {
    const r = cachedRequirement(text);
    const has = Object.hasOwn(labels, r.key);
    if (r.op === 'exists' && !has) return false;
    if (r.op === 'absent' && has) return false;
    if (r.op === 'in' && !(has && r.values.includes(labels[r.key]!))) return false;
    if (r.op === 'notin' && has && r.values.includes(labels[r.key]!)) return false;
  }
  return true;
}

/** The selector as one line for people: `role=db, zone in (a,b), !gpu`. */
export function selectorText(selector: Record<string, string>, requirements: readonly string[] = []): string {
  return [...Object.entries(selector).map(([k, v]) => `${k}=${v}`), ...requirements].join(', ');
}
