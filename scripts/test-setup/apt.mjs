// Debian packages that `npm test` may install for itself (Chromium's fonts,
// nginx): only as root on Debian or Ubuntu, with apt-get, quietly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Whether this process runs as root, the only user apt-get installs for. */
export const isRoot = () => process.getuid?.() === 0;

/** Whether this machine is Debian or Ubuntu with apt-get. */
export function hasApt() {
  if (!fs.existsSync('/etc/os-release')) return false;
  const release = fs.readFileSync('/etc/os-release', 'utf8');
  return /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(release) && fs.existsSync('/usr/bin/apt-get');
}

/** Whether a Debian package is installed. */
export function installed(pkg) {
  try {
    execFileSync('dpkg', ['-s', pkg], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs Debian packages quietly, saying what for; true when apt-get succeeded. */
export function aptInstall(packages, purpose) {
  console.log(`Cài ${packages.join(' và ')} cho ${purpose} (apt-get install ${packages.join(' ')}).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'pipe'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'pipe'], env });
    return true;
  } catch (error) {
    console.log(`apt-get không cài được ${packages.join(', ')}: ${error.stderr?.toString().trim().split('\n').pop() ?? error.message}`);
    return false;
  }
}
