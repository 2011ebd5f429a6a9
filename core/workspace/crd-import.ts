// `kube-dorm schemas import` and the "Import CRD Schemas" command: the CustomResourceDefinitions
// found in some files (multi-document files too) become one file each under the committed
// `.kube-dorm/schemas/` folder, which the editor and `kube-dorm lint` read like any CRD in the
// workspace. Only what validation, hover and `serve` read is kept (group, names, scope, versions with
// their schema, printer columns and subresources). Pure: the callers read and write the files.
import { toYaml } from '../kustomize/index';
import { parseFile } from '../manifest/parse';
import { isCrdObject, parseCrd } from '../schema/crd';

/** The folder, relative to the workspace root. */
export const SCHEMAS_DIR = '.kube-dorm/schemas';

export interface ImportedSchema {
  /** The CRD's name, e.g. `widgets.dorm.example.com`. */
  name: string;
  /** File name under SCHEMAS_DIR. */
  fileName: string;
  text: string;
  /** Versions imported. */
  versions: string[];
  /** Where it was read from (as the caller named it). */
  from: string;
}

export interface ImportResult {
  schemas: ImportedSchema[];
  /** CRDs that could not be read (no group, kind or plural), with their source. */
  skipped: { from: string; name?: string }[];
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** The CRDs of `files` as schema files (later files win for the same CRD name). */
export function importSchemas(files: readonly { name: string; text: string }[]): ImportResult {
  const byName = new Map<string, ImportedSchema>();
  const skipped: ImportResult['skipped'] = [];
  for (const f of files) {
    const parsed = parseFile(`import:${f.name}`, f.text);
    for (const r of parsed.resources) {
      if (!isCrdObject(r.obj)) continue;
      const crd = parseCrd(r.obj);
      if (!crd) {
        skipped.push({ from: f.name, ...(r.name ? { name: r.name } : {}) });
        continue;
      }
      const spec = r.obj.spec as Record<string, unknown>;
      const obj = {
        apiVersion: r.obj.apiVersion,
        kind: 'CustomResourceDefinition',
        metadata: { name: crd.name },
        spec: {
          ...pick(spec, ['group', 'names', 'scope']),
          ...(Array.isArray(spec.versions)
            ? {
                versions: spec.versions.map((v: Record<string, unknown>) =>
                  pick(v ?? {}, ['name', 'served', 'storage', 'schema', 'additionalPrinterColumns', 'subresources']),
                ),
              }
            : pick(spec, ['version', 'validation', 'additionalPrinterColumns', 'subresources'])),
        },
      };
      const header = `# Imported by \`kube-dorm schemas import\` from ${f.name.replace(/[\r\n]/g, ' ')}.\n# Re-import rather than edit: kube-dorm reads this CRD to check ${crd.kind} resources.\n`;
      byName.set(crd.name, {
        name: crd.name,
        fileName: `${crd.name.replace(/[^A-Za-z0-9._-]/g, '_')}.yaml`,
        text: header + toYaml([{ obj }]),
        versions: crd.versions.map((v) => v.name),
        from: f.name,
      });
    }
  }
  return { schemas: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), skipped };
}
