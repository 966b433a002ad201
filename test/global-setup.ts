import { execFileSync } from 'node:child_process';

/**
 * The e2e tests run the built programs (bin/ → dist/): build once before any test, so they test this tree and not
 * an older build. PARALLAX_TEST_NO_BUILD=1 skips it when the build is known to be fresh.
 */
export default function setup(): void {
  if (process.env.PARALLAX_TEST_NO_BUILD === '1') return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
