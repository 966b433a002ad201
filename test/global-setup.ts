import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The e2e tests run the built programs (bin/ → dist/): build once before any test, so they test this tree and not
 * an older build. PARALLAX_TEST_NO_BUILD=1 skips it when the build is known to be fresh. What the tests need from
 * Debian (sshd, pgrep, a Secret Service and what keytar compiles against) is installed first when it is missing,
 * and keytar is compiled again when `npm ci` ran before its build dependencies were there.
 */
export default function setup(): void {
  execFileSync('bash', ['scripts/install-test-deps.sh'], { stdio: 'inherit' });
  if (!existsSync('node_modules/keytar/build/Release/keytar.node')) {
    execFileSync('npm', ['rebuild', '--silent', 'keytar'], { stdio: 'inherit' });
  }
  if (process.env.PARALLAX_TEST_NO_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
