import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The e2e tests run the built programs (bin/ → dist/): build once before any test, so they test this tree and not
 * an older build. PARALLAX_TEST_NO_BUILD=1 skips it when the build is known to be fresh. What the tests need from
 * Debian (sshd for the ssh executor, pgrep) is installed first when it is missing.
 */
export default function setup(): void {
  if (!existsSync('/usr/sbin/sshd') || !existsSync('/usr/bin/pgrep')) {
    execFileSync('bash', ['scripts/install-test-deps.sh'], { stdio: 'inherit' });
  }
  if (process.env.PARALLAX_TEST_NO_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
