import { UnavailableError } from '../../common/errors.js';

/** The part of keytar the CLI uses. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'parallax';
/** Written and deleted again by the probe; no profile is called that. */
const PROBE_ACCOUNT = '(keychain probe)';

export const KEYCHAIN_DESCRIPTION =
  process.platform === 'darwin'
    ? 'the OS keychain (macOS Keychain)'
    : process.platform === 'win32'
      ? 'the OS keychain (Windows Credential Manager)'
      : 'the OS keychain (Secret Service)';

/**
 * What keytar (libsecret) says when there is no Secret Service to talk to, as seen with keytar 7.9 and
 * gnome-keyring. Only these mean "no keychain here, use the file"; any other failure is an error.
 */
const UNAVAILABLE = [
  // No session bus and no X11 display to start one: a headless server, ssh, a container.
  /Cannot autolaunch D-Bus without X11 \$DISPLAY/,
  // A display but no way to start a bus: "Error spawning command line “dbus-launch --autolaunch=…”".
  /Error spawning command line .dbus-launch /,
  // DBUS_SESSION_BUS_ADDRESS names a bus that is gone: "Could not connect: Connection refused".
  /^Could not connect: /,
  // A bus without any Secret Service on it.
  /The name org\.freedesktop\.secrets was not provided by any \.service files/,
  // A Secret Service without the default collection: "Object does not exist at path “…/collection/login”".
  /Object does not exist at path .\/org\/freedesktop\/secrets\//,
  // A locked collection that no prompt can unlock (no display to show one on).
  /Cannot create an item in a locked collection/,
  // A Secret Service that does not answer (GDBus gives up after 25 s).
  /Timeout was reached/,
];

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** keytar, or why it cannot be loaded: it is optional, and its native binding may not have been built. */
async function loadKeytar(): Promise<Keytar | string> {
  // Through a variable, so TypeScript does not need keytar's types where keytar is not installed.
  const name = 'keytar';
  let module: unknown;
  try {
    module = await import(name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return 'keytar is not installed';
    if (code === 'MODULE_NOT_FOUND' && messageOf(err).includes('keytar.node')) return 'keytar is not built';
    return `keytar could not be loaded: ${messageOf(err).split('\n')[0]}`;
  }
  // keytar is CommonJS: its functions are on the default export.
  const keytar = (module as { default?: Partial<Keytar> }).default;
  if (
    typeof keytar?.getPassword !== 'function' ||
    typeof keytar.setPassword !== 'function' ||
    typeof keytar.deletePassword !== 'function'
  ) {
    return 'keytar does not have the functions it should';
  }
  return keytar as Keytar;
}

/** The keytar call failed for a reason other than "no keychain": said as an error, with the way around it. */
export function keychainFailed(err: unknown): UnavailableError {
  return new UnavailableError(
    `${KEYCHAIN_DESCRIPTION} failed: ${messageOf(err)} ` +
      '(set PARALLAX_KEYCHAIN=off to keep credentials in a file instead)',
    { cause: err },
  );
}

/**
 * keytar when the keychain works, else the short reason it does not. The probe writes and deletes an entry because
 * reading proves too little: on a Secret Service without a default collection, or with a locked one, reads answer
 * "nothing stored" and only writes fail (and keytar 7.9's findCredentials crashes the process on a locked one).
 */
async function probe(): Promise<Keytar | string> {
  const keytar = await loadKeytar();
  if (typeof keytar === 'string') return keytar;
  try {
    await keytar.setPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT, 'probe');
    await keytar.deletePassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT);
  } catch (err) {
    const message = messageOf(err);
    if (UNAVAILABLE.some((pattern) => pattern.test(message))) return message;
    throw keychainFailed(err);
  }
  return keytar;
}

let decided: Promise<Keytar | string> | undefined;

/** Probed once per process: every store opened afterwards keeps its credentials in the same place. */
export function keychain(): Promise<Keytar | string> {
  decided ??= probe();
  return decided;
}
