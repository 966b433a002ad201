/**
 * Daemons log one line per event to stderr: `time level component message key=value…` for people, or one JSON
 * object per line with PARALLAX_LOG_FORMAT=json. Callers never pass secrets: values of variables and tokens are
 * not logged anywhere.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(component: string): Logger;
}

function format(value: string | number | boolean | null): string {
  const text = String(value);
  return /[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text;
}

export function createLogger(
  component: string,
  options: { level?: Level; json?: boolean; write?: (line: string) => void } = {},
): Logger {
  const envLevel = process.env.PARALLAX_LOG_LEVEL as Level | undefined;
  const min = ORDER[options.level ?? (envLevel !== undefined && envLevel in ORDER ? envLevel : 'info')];
  const json = options.json ?? process.env.PARALLAX_LOG_FORMAT === 'json';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: Level, msg: string, fields: Fields = {}) => {
    if (ORDER[level] < min) return;
    const time = new Date().toISOString();
    const defined = Object.entries(fields).filter((e): e is [string, string | number | boolean | null] => e[1] !== undefined);
    if (json) {
      write(JSON.stringify({ time, level, component, msg, ...Object.fromEntries(defined) }));
    } else {
      const rest = defined.map(([k, v]) => `${k}=${format(v)}`).join(' ');
      write(`${time} ${level.toUpperCase().padEnd(5)} ${component}: ${msg}${rest ? ' ' + rest : ''}`);
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (name) => createLogger(`${component}/${name}`, options),
  };
}
