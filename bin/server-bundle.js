// The portal's code as one precompiled file. Running src/ through the tsx
// loader costs about 50 MB of memory per process (the compiler, and a source
// map per file), so `xaphuong` runs a bundle of src/cli/main.ts that esbuild
// builds on `npm install` (postinstall) and again at start whenever any
// source file it was built from has changed: it never runs stale code. The
// bundle lives in .build/ (ignored by git); packages stay in node_modules.
//
//   node bin/server-bundle.js      builds it now (postinstall)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Where the bundle of a project root goes, and the manifest of what it was built from. */
export function bundlePaths(root = ROOT) {
  const dir = path.join(root, '.build');
  return { dir, bundle: path.join(dir, 'xaphuong.mjs'), manifest: path.join(dir, 'xaphuong.json') };
}

const hashOf = (file) => crypto.createHash('sha1').update(fs.readFileSync(file)).digest('base64url');

/**
 * True when the bundle exists and every file it was built from is unchanged
 * (same content; the modification time and size are checked first, the
 * content only when they differ), with the same Node and esbuild.
 */
export function isFresh(root = ROOT, esbuildVersion = null) {
  const { bundle, manifest } = bundlePaths(root);
  let built;
  try {
    built = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (!fs.existsSync(bundle)) return false;
  } catch {
    return false;
  }
  if (built.node !== process.version || (esbuildVersion && built.esbuild !== esbuildVersion)) return false;
  for (const [rel, was] of Object.entries(built.inputs)) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, rel));
    } catch {
      return false;
    }
    if (stat.mtimeMs === was.mtimeMs && stat.size === was.size) continue;
    if (stat.size !== was.size || hashOf(path.join(root, rel)) !== was.hash) return false;
  }
  return true;
}

/**
 * import.meta.dirname/filename/url of a source file, as they were in src/:
 * two modules find files next to them (public/assets, demo/) that way.
 */
function sourceMetaPlugin(outDir) {
  return {
    name: 'source-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('import.meta.')) {
          const relFile = JSON.stringify(path.relative(outDir, args.path));
          contents = contents
            .replaceAll('import.meta.dirname', `__xpSourcePath(${JSON.stringify(path.relative(outDir, path.dirname(args.path)))})`)
            .replaceAll('import.meta.filename', `__xpSourcePath(${relFile})`)
            .replaceAll('import.meta.url', `__xpSourceUrl(${relFile})`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Native packages only some requests use (image processing, password
 * hashing, QR codes, the PostgreSQL client when on SQLite) cost 10–30 MB
 * each once loaded. In the bundle they load on first use instead of at
 * start: `default` is a stand-in that loads the package when called or
 * read, each named export a function that does the same. A name not listed
 * here fails the build, and xaphuong then runs the sources as they are.
 */
export const LAZY_PACKAGES = {
  sharp: { default: true, named: [] },
  qrcode: { default: true, named: [] },
  '@node-rs/argon2': { default: false, named: ['hash', 'verify', 'hashSync', 'verifySync'] },
};

function lazyPackagesPlugin() {
  return {
    name: 'lazy-packages',
    setup(build) {
      const filter = new RegExp(
        `^(${Object.keys(LAZY_PACKAGES)
          .map((n) => n.replace(/[/.@-]/g, '\\$&'))
          .join('|')})$`,
      );
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-package' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        const spec = LAZY_PACKAGES[args.path];
        const lines = [
          `import { createRequire } from 'node:module';`,
          `let loaded;`,
          `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(args.path)}));`,
        ];
        if (spec.default) {
          lines.push(
            `export default new Proxy(function () {}, {`,
            `  apply: (_, self, args) => Reflect.apply(load(), self, args),`,
            `  construct: (_, args, target) => Reflect.construct(load(), args),`,
            `  get: (_, key) => { const m = load(); const v = m[key]; return typeof v === 'function' ? v.bind(m) : v; },`,
            `  has: (_, key) => key in load(),`,
            `});`,
          );
        }
        for (const name of spec.named) lines.push(`export function ${name}(...args) { return load().${name}(...args); }`);
        return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

const BANNER = `import { resolve as __xpResolve } from 'node:path';
import { pathToFileURL as __xpToUrl } from 'node:url';
const __xpSourcePath = (rel) => __xpResolve(import.meta.dirname, rel);
const __xpSourceUrl = (rel) => __xpToUrl(__xpSourcePath(rel)).href;`;

/** Builds the bundle of `entry` (relative to root) and its manifest; written atomically, so concurrent starts are safe. */
export async function buildBundle(root = ROOT, entry = 'src/cli/main.ts') {
  const esbuild = await import('esbuild');
  const { dir, bundle, manifest } = bundlePaths(root);
  fs.mkdirSync(dir, { recursive: true });
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node}`,
      packages: 'external',
      outfile: bundle,
      write: false,
      metafile: true,
      logLevel: 'silent',
      keepNames: true,
      legalComments: 'none',
      banner: { js: BANNER },
      plugins: [lazyPackagesPlugin(), sourceMetaPlugin(dir)],
    });
  } finally {
    // esbuild's service process is not needed again: the portal does not keep it for its lifetime.
    await esbuild.stop?.();
  }
  const inputs = {};
  // Every source bundled, plus what decides how they are bundled: this file and the TypeScript settings.
  const sources = Object.keys(result.metafile.inputs).filter((rel) => !rel.startsWith('lazy-package:'));
  const builder = path.relative(root, import.meta.filename);
  for (const rel of [...sources, ...(builder.startsWith('..') ? [] : [builder]), 'tsconfig.json']) {
    if (!fs.existsSync(path.join(root, rel))) continue;
    const file = path.join(root, rel);
    const stat = fs.statSync(file);
    inputs[rel] = { mtimeMs: stat.mtimeMs, size: stat.size, hash: hashOf(file) };
  }
  const suffix = `.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(bundle + suffix, result.outputFiles[0].contents);
  fs.writeFileSync(manifest + suffix, JSON.stringify({ node: process.version, esbuild: esbuild.version, entry, inputs }));
  // The bundle first: a manifest never describes a bundle that is not there yet.
  fs.renameSync(bundle + suffix, bundle);
  fs.renameSync(manifest + suffix, manifest);
  return bundle;
}

/**
 * The file:// URL of a fresh bundle, rebuilt first if stale, or null when it
 * cannot be had (no esbuild, a read-only install, a build error): the caller
 * then runs the sources through tsx. XAPHUONG_BUNDLE=0 always runs the sources.
 */
export async function freshBundle(root = ROOT) {
  if (process.env.XAPHUONG_BUNDLE === '0') return null;
  const { bundle } = bundlePaths(root);
  try {
    // Built in a child process: the portal's own memory never holds esbuild or the build.
    if (!isFresh(root)) execFileSync(process.execPath, [import.meta.filename, root], { stdio: ['ignore', 'ignore', 'pipe'] });
    return pathToFileURL(bundle).href;
  } catch (error) {
    if (process.env.XAPHUONG_BUNDLE === '1') throw error;
    const reason = String(error?.stderr || error?.message || error).trim();
    console.error(`xaphuong: không dựng được bản biên dịch sẵn (${reason}); chạy trực tiếp mã nguồn.`);
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  // `node bin/server-bundle.js [ROOT]`: postinstall, and freshBundle() above.
  const root = process.argv[2] ? path.resolve(process.argv[2]) : ROOT;
  try {
    const started = performance.now();
    await buildBundle(root);
    console.log(`Đã dựng gói chạy ${path.relative(root, bundlePaths(root).bundle)} (${Math.round(performance.now() - started)} ms).`);
  } catch (error) {
    console.error(error?.message ?? String(error));
    // At postinstall a failed build is not fatal: `xaphuong` then runs the sources through tsx.
    process.exitCode = process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1;
  }
}
