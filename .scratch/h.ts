import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { nameHash, goJson } from '/work/wt/e/core/kustomize/hash';
for (const d of process.argv.slice(2)) {
  const out = execFileSync('kubectl', ['kustomize', d], { encoding: 'utf8' });
  for (const doc of parseAllDocuments(out)) {
    const o: any = doc.toJS();
    if (o.kind !== 'ConfigMap' && o.kind !== 'Secret') continue;
    const m = /^(.*)-([a-z0-9]{10})$/.exec(o.metadata.name);
    if (!m) continue;
    o.metadata.name = m[1];
    console.log(o.metadata.name, m[2], nameHash(o));
  }
}
