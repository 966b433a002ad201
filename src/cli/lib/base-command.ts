import { Command, Errors, Flags } from '@oclif/core';
import { BugError, ExitCode, isParallaxError } from '../../common/errors.js';
import { connect, type Connection } from './client.js';
import { type AuthSource, resolveAuth } from './auth-session.js';
import { type ConfigFile, configDir, configPath, readConfig, resolveTarget, type Target, type TargetFlags } from './config.js';
import { oclifMessage } from './oclif-errors.js';

/** The flag of commands that only read: answer from the node's own state (see READ_METADATA_KEY). */
export const readFlags = {
  stale: Flags.boolean({
    summary: "Read the coordinator's own state without confirming it with the leader: faster and works without a leader, but may miss the latest writes.",
  }),
};

export interface ErrorJson {
  error: { code: string; message: string; field: string | null };
}

const BUG_HINT =
  'This is a bug in Parallax. Please report it with the command you ran and this message' +
  ' (set PARALLAX_DEBUG=1 to see where it happened).';

/**
 * The base of every command. A command's run() returns its result; this class prints it: as one JSON document with
 * --json (through toJson), otherwise through the command's render(). It also owns errors and exit codes: a user
 * error is one line on stderr (or an error document with --json) and its exit code; anything unexpected is a bug.
 */
export abstract class BaseCommand<T> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    coordinator: Flags.string({
      summary: 'Coordinator(s) to talk to, HOST:PORT[,HOST:PORT…] (env: PARALLAX_ADDR; default: the current profile).',
      helpValue: 'HOST:PORT',
      helpGroup: 'GLOBAL',
    }),
    insecure: Flags.boolean({
      summary: 'Talk plaintext gRPC, without TLS (env: PARALLAX_INSECURE=1).',
      helpGroup: 'GLOBAL',
    }),
    profile: Flags.string({
      summary: 'Profile of the config to use (env: PARALLAX_PROFILE; default: the current one).',
      helpValue: 'NAME',
      helpGroup: 'GLOBAL',
    }),
    tenant: Flags.string({
      summary: "Tenant to act in (env: PARALLAX_TENANT; default: the profile's, else your only one).",
      helpValue: 'NAME',
      helpGroup: 'GLOBAL',
    }),
  };

  private connection: Connection | undefined;
  private documentPrinted = false;

  abstract override run(): Promise<T>;

  /** Prints the result for a person; not called with --json. */
  protected abstract render(result: T): void | Promise<void>;

  /** The result as the JSON document --json prints. */
  protected toJson(result: T): unknown {
    return result;
  }

  /**
   * A client for the coordinator the flags, the environment or the config point at, sending the credential that
   * goes with it and the tenant to act in; closed when the command ends.
   */
  protected async control(flags: TargetFlags & { stale?: boolean; tenant?: string | undefined }): Promise<Connection> {
    const { target, auth, tenant } = await this.session(flags);
    this.connection?.close();
    this.connection = await connect(target.address, { stale: flags.stale === true, token: auth.token, tenant });
    return this.connection;
  }

  /** Where a command goes, with which credential, in which tenant. */
  protected async session(flags: TargetFlags & { tenant?: string | undefined }): Promise<{ target: Target; auth: AuthSource; tenant: string | undefined }> {
    const dir = configDir();
    let config: ConfigFile | undefined;
    const load = () => (config ??= readConfig(dir));
    const target = resolveTarget(flags, process.env, load, configPath(dir));
    const auth = await resolveAuth({ target, flags, env: process.env, config: load, configDir: dir, warn: (m) => process.stderr.write(`${m}\n`) });
    const fromProfile = target.profile === undefined ? undefined : load().profiles[target.profile]?.tenant;
    const tenant = [flags.tenant, process.env.PARALLAX_TENANT, fromProfile].map((t) => t?.trim()).find((t) => t !== undefined && t !== '');
    return { target, auth, tenant };
  }

  /** For commands that print their document before they end (`dev`); the result of run() is then not printed. */
  protected printJson(document: unknown): void {
    this.documentPrinted = true;
    process.stdout.write(JSON.stringify(document, null, 2) + '\n');
  }

  protected override logJson(json: unknown): void {
    if (!this.documentPrinted) this.printJson(json);
  }

  protected override toSuccessJson(result: unknown): unknown {
    return this.toJson(result as T);
  }

  protected override async _run<R>(): Promise<R> {
    const result = await super._run<T | undefined>();
    if (result !== undefined && !this.jsonEnabled()) {
      try {
        await this.render(result);
      } catch (err) {
        await this.catch(err instanceof Error ? err : new Error(String(err)));
      }
    }
    return result as unknown as R;
  }

  protected override async finally(err: Error | undefined): Promise<void> {
    this.connection?.close();
    this.connection = undefined;
    await super.finally(err);
  }

  /** This command's flags, --help among them, with an integer flag's bounds: for oclif's messages about them. */
  private knownFlags(): Record<string, { min?: number; max?: number } | undefined> {
    const ctor = this.ctor as { flags?: Record<string, unknown>; baseFlags?: Record<string, unknown>; enableJsonFlag?: boolean };
    const flags = { ...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag === true ? { json: {} } : {}), help: {} };
    return Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, flag as { min?: number; max?: number }]));
  }

  /** Prints the error the way its kind calls for, then leaves with its exit code (oclif exits on ExitError). */
  protected override async catch(thrown: Error): Promise<never> {
    if (thrown instanceof Errors.ExitError) throw thrown;
    // JavaScript lets anything be thrown; the typing says Error, a dependency may not.
    const err: Error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const json = this.jsonEnabled() && !this.documentPrinted;
    let doc: ErrorJson['error'];
    let exitCode: number;
    let bug = false;
    if (isParallaxError(err)) {
      doc = { code: err.code, message: err.message, field: err.field ?? null };
      exitCode = err.exitCode;
      bug = err instanceof BugError;
    } else if (err instanceof Errors.CLIError) {
      // oclif's own: unknown flags, missing arguments, values outside a flag's options.
      doc = { code: 'invalid_argument', message: oclifMessage(err.message, this.knownFlags(), this.id), field: null };
      exitCode = err.oclif.exit ?? ExitCode.usage;
    } else if (err.message.startsWith('Parsing --')) {
      // A flag's parse function threw a plain Error, which oclif passes on with this prefix.
      doc = { code: 'invalid_argument', message: oclifMessage(err.message, this.knownFlags()), field: null };
      exitCode = ExitCode.usage;
    } else {
      doc = { code: 'internal', message: err.message || String(err), field: null };
      exitCode = ExitCode.failure;
      bug = true;
    }
    if (json) {
      this.printJson({ error: doc } satisfies ErrorJson);
    } else {
      process.stderr.write(`Error: ${doc.message}\n`);
      if (bug) process.stderr.write(`${BUG_HINT}\n`);
    }
    if (bug && process.env.PARALLAX_DEBUG === '1') process.stderr.write(`${err.stack ?? ''}\n`);
    throw new Errors.ExitError(exitCode);
  }
}
