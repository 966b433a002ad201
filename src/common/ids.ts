// Crockford's base32: no I, L, O, U; sorts the same as the numbers it encodes.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A run id: 10 characters of milliseconds since the epoch then 16 of randomness (ULID layout, lower case), so ids
 * sort by creation time. The leader makes ids and puts them into commands; the FSM never does.
 */
export function newId(nowMs: number, random: (size: number) => Uint8Array): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = random(10);
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return time + rand;
}

/** The creation time (ms) an id made by newId carries; NaN for a string that is not one. */
export function idTime(id: string): number {
  if (id.length < 10) return NaN;
  let t = 0;
  for (const ch of id.slice(0, 10)) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return NaN;
    t = t * 32 + digit;
  }
  return t;
}
