// The nginx the reverse-proxy tests put in front of the portal: NGINX_PATH
// when set; else Debian's /usr/sbin/nginx; else, as root on Debian or Ubuntu,
// Debian's installed with apt-get. The tests run it as the user running them,
// with a configuration of their own in a temp folder, never the system's.
import fs from 'node:fs';
import { aptInstall, hasApt, isRoot } from './apt.mjs';

const DEBIAN_NGINX = '/usr/sbin/nginx';

/** Thrown when no nginx can be had; its message is the one line the runner prints. */
export class NoNginxError extends Error {}

/** Finds or provides nginx; returns its path and where it came from. */
export function provideNginx(nginxPath = undefined) {
  if (nginxPath) {
    if (!fs.existsSync(nginxPath)) throw new NoNginxError(`NGINX_PATH=${nginxPath} không tồn tại.`);
    return { path: nginxPath, source: 'NGINX_PATH' };
  }
  if (fs.existsSync(DEBIAN_NGINX)) return { path: DEBIAN_NGINX, source: `Debian (${DEBIAN_NGINX})` };
  if (isRoot() && hasApt() && aptInstall(['nginx'], 'kiểm thử proxy ngược') && fs.existsSync(DEBIAN_NGINX)) {
    return { path: DEBIAN_NGINX, source: `Debian (${DEBIAN_NGINX}, vừa cài)` };
  }
  throw new NoNginxError(
    'Không có nginx cho kiểm thử proxy ngược (test/proxy): cài nginx (apt-get install -y nginx, cần quyền root) hoặc đặt NGINX_PATH; phần còn lại chạy được bằng npm test -- test/unit test/db test/http test/browser.',
  );
}
