// Ready to publish (scripts/package.mjs): a warning from vsce fails the package, and so does a check
// that Open VSX's `ovsx publish` makes before it uploads, run here offline.
import { createRequire } from 'node:module';
import path from 'node:path';

const requireCjs = createRequire(import.meta.url);

/**
 * vsce.createVSIX(options), failing when vsce warns (it prints its warnings with console.warn; on
 * GitHub Actions as ::warning lines on stdout instead, so that is turned off meanwhile).
 * @param {{ createVSIX(o: object): Promise<unknown> }} vsce
 * @param {object} options
 */
export async function packWithoutWarnings(vsce, options) {
  /** @type {string[]} */
  const warnings = [];
  const warn = console.warn;
  const actions = process.env.GITHUB_ACTIONS;
  delete process.env.GITHUB_ACTIONS;
  console.warn = (/** @type {unknown[]} */ ...args) => {
    warnings.push(args.map(String).join(' '));
    warn(...args);
  };
  try {
    await vsce.createVSIX(options);
  } finally {
    console.warn = warn;
    if (actions !== undefined) process.env.GITHUB_ACTIONS = actions;
  }
  if (warnings.length) throw new Error(`vsce warned (a package for the marketplace must not):\n${warnings.join('\n')}`);
}

/**
 * What `ovsx publish` checks before it uploads: the manifest has a publisher, a name and a version
 * (ovsx's validateManifest), the extension is licensed (its isLicenseOk: a `license` field or a
 * LICENSE file), and the .vsix carries that manifest.
 * @param {string} root the extension's folder
 * @param {string} vsix the package made from it
 */
export async function openVsxChecks(root, vsix) {
  const { isLicenseOk } = requireCjs('ovsx/lib/check-license');
  const { readVSIXPackage } = requireCjs('ovsx/lib/zip');
  if (!(await isLicenseOk(root))) throw new Error('Open VSX would refuse the package: it has no license');
  const packed = await readVSIXPackage(vsix);
  const own = requireCjs(path.join(root, 'package.json'));
  for (const k of ['publisher', 'name', 'version']) {
    if (packed[k] !== own[k]) throw new Error(`Open VSX would read ${k} "${packed[k]}" from the .vsix, not "${own[k]}"`);
  }
}
