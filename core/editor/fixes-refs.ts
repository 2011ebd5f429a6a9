// Quick fixes that reach another resource: create the missing Secret, ConfigMap or headless
// Service (in this file or a new one), add a missing key to it, use the name of the one that
// exists, or move a plain env value into a Secret.
import type { MessageIds, Path } from '../manifest/types';
import { rangeOf } from '../manifest/parse';
import { defineMessages, msgOf, t } from '../i18n/index';
import { getAt, podSpecOf } from '../k8s/podspec';
import type { FixDataOf } from '../rules/fix-data';
import { addKey, appendDocument, replaceValue, yamlScalar, type TextEdit, type WorkspaceEditSpec } from './edits';
import { one, type CodeActionSpec, type Ctx, type Make } from './fix-context';
import { isObj } from '../k8s/guards';

const messages = defineMessages({
  'fix.createSecret': { en: 'Create Secret "{name}" in this file', zh: '在此文件中创建 Secret "{name}"' },
  'fix.createSecretFile': { en: 'Create Secret "{name}" in a new file {file}', zh: '在新文件 {file} 中创建 Secret "{name}"' },
  'fix.createConfigMap': { en: 'Create ConfigMap "{name}" in this file', zh: '在此文件中创建 ConfigMap "{name}"' },
  'fix.createConfigMapFile': { en: 'Create ConfigMap "{name}" in a new file {file}', zh: '在新文件 {file} 中创建 ConfigMap "{name}"' },
  'fix.addKey': { en: 'Add key "{key}" to {kind} "{name}"', zh: '向 {kind} "{name}" 添加键 "{key}"' },
  'fix.useName': { en: 'Use "{to}" instead', zh: '改用 "{to}"' },
  'fix.createHeadless': { en: 'Create headless Service "{name}" in this file', zh: '在此文件中创建 headless Service "{name}"' },
  'fix.createHeadlessFile': { en: 'Create headless Service "{name}" in a new file {file}', zh: '在新文件 {file} 中创建 headless Service "{name}"' },
  'fix.moveToSecret': { en: 'Move the value of {env} into Secret "{secret}" and reference it', zh: '将 {env} 的值移入 Secret "{secret}" 并引用它' },
});

const msg = msgOf(messages);

function stubYaml(kind: string, name: string, namespace: string | undefined, keys: string[], secretType?: string): string {
  const lines = [`apiVersion: v1`, `kind: ${kind}`, 'metadata:', `  name: ${yamlScalar(name)}`];
  if (namespace && namespace !== 'default') lines.push(`  namespace: ${yamlScalar(namespace)}`);
  if (kind === 'Secret') {
    lines.push(`type: ${secretType ?? 'Opaque'}`);
    if (secretType === 'kubernetes.io/dockerconfigjson') lines.push('stringData:', `  .dockerconfigjson: '{"auths": {}}'`);
    else lines.push(...(keys.length ? ['stringData:', ...keys.map((k) => `  ${yamlScalar(k)}: ""`)] : ['stringData: {}']));
  } else {
    lines.push(...(keys.length ? ['data:', ...keys.map((k) => `  ${yamlScalar(k)}: ""`)] : ['data: {}']));
  }
  return lines.join('\n') + '\n';
}

function siblingUri(uri: string, name: string): string {
  return uri.replace(/[^/]*$/, `${encodeURIComponent(name)}.yaml`);
}

/** "Use the existing name instead": the preferred fix when a similar name exists. */
function useName(c: Ctx, suggestion: string | undefined, make: Make): CodeActionSpec[] {
  if (suggestion === undefined) return [];
  return make(t(msg('fix.useName', { to: suggestion }), c.locale), one(c.file.uri, [replaceValue(c.res, c.path, yamlScalar(suggestion))]), true);
}

export function createRefFixes(c: Ctx, data: FixDataOf<'secret-ref-missing'>, make: Make): CodeActionSpec[] {
  const { kind, name } = data;
  if (!name) return [];
  const text = stubYaml(kind, name, data.namespace, data.keys, data.secretType);
  const out: CodeActionSpec[] = [];
  out.push(...useName(c, data.suggestion, make));
  out.push(
    ...make(
      t(msg(kind === 'Secret' ? 'fix.createSecret' : 'fix.createConfigMap', { name }), c.locale),
      one(c.file.uri, [appendDocument(c.file, text)]),
      out.length === 0,
    ),
  );
  const fileName = `${name}-${kind.toLowerCase()}.yaml`;
  const newUri = siblingUri(c.file.uri, `${name}-${kind.toLowerCase()}`);
  if (!c.ws.has(newUri)) {
    out.push({
      title: t(msg(kind === 'Secret' ? 'fix.createSecretFile' : 'fix.createConfigMapFile', { name, file: fileName }), c.locale),
      kind: 'quickfix',
      diagnostics: [c.d],
      edit: { changes: [], createFiles: [{ uri: newUri, text }] },
    });
  }
  return out;
}

export function keyFixes(c: Ctx, data: FixDataOf<'secret-key-missing'>, make: Make): CodeActionSpec[] {
  const { kind, name, namespace: ns, missingKeys: missing } = data;
  const out: CodeActionSpec[] = [];
  out.push(...useName(c, data.suggestion, make));
  const target = c.ws.find(kind, name, ns)[0];
  if (target && missing.length) {
    const field = kind === 'Secret' ? 'stringData' : 'data';
    const holder = getAt(target.obj, [field]);
    let e: TextEdit | undefined;
    if (holder && typeof holder === 'object' && Object.keys(holder).length) {
      const adds = missing.map((k) => addKey(target, [field], k, ['""']));
      e = adds.every(Boolean) ? { range: adds[0]!.range, newText: adds.map((x) => x!.newText).join('') } : undefined;
    } else if (holder === undefined) {
      e = addKey(
        target,
        [],
        field,
        missing.map((k) => `${yamlScalar(k)}: ""`),
      );
    }
    out.push(...make(t(msg('fix.addKey', { key: missing.join(', '), kind, name }), c.locale), one(target.uri, [e]), out.length === 0));
  }
  return out;
}

export function headlessFixes(c: Ctx, data: FixDataOf<'statefulset-service-missing'>, make: Make): CodeActionSpec[] {
  const name = data.service;
  if (!name) return [];
  const out: CodeActionSpec[] = [];
  if (data.suggestion !== undefined)
    out.push(
      ...make(
        t(msg('fix.useName', { to: data.suggestion }), c.locale),
        one(c.file.uri, [replaceValue(c.res, ['spec', 'serviceName'], yamlScalar(data.suggestion))]),
      ),
    );
  const selector = data.selector;
  const ports: string[] = [];
  const ps = podSpecOf(c.res);
  for (const ct of Array.isArray(ps?.spec.containers) ? ps.spec.containers : []) {
    for (const p of Array.isArray(ct?.ports) ? ct.ports : []) {
      if (typeof p?.containerPort !== 'number' || ports.length >= 4) continue;
      ports.push(`  - ${p.name ? `name: ${yamlScalar(p.name)}\n    ` : ''}port: ${p.containerPort}`);
    }
  }
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${yamlScalar(name)}`];
  if (data.namespace && data.namespace !== 'default') lines.push(`  namespace: ${yamlScalar(data.namespace)}`);
  lines.push('spec:', '  clusterIP: None');
  if (Object.keys(selector).length) lines.push('  selector:', ...Object.entries(selector).map(([k, v]) => `    ${yamlScalar(k)}: ${yamlScalar(String(v))}`));
  if (ports.length) lines.push('  ports:', ...ports.map((p) => `  ${p.replace(/\n/g, '\n  ')}`));
  out.unshift(...make(t(msg('fix.createHeadless', { name }), c.locale), one(c.file.uri, [appendDocument(c.file, lines.join('\n'))]), true));
  const newUri = siblingUri(c.file.uri, `${name}-service`);
  if (!c.ws.has(newUri)) {
    out.push({
      title: t(msg('fix.createHeadlessFile', { name, file: `${name}-service.yaml` }), c.locale),
      kind: 'quickfix',
      diagnostics: [c.d],
      edit: { changes: [], createFiles: [{ uri: newUri, text: lines.join('\n') + '\n' }] },
    });
  }
  return out;
}

export function plainEnvFix(c: Ctx, envPath: Path, make: Make): CodeActionSpec[] {
  const env = getAt(c.res.obj, envPath);
  if (!isObj(env) || (typeof env.value !== 'string' && typeof env.value !== 'number')) return [];
  const ns = c.res.namespace;
  const secretName = `${c.res.name ?? 'app'}-secrets`;
  const key = String(env.name)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  const valuePair = rangeOf(c.res, [...envPath, 'value'], 'key');
  const valueEnd = rangeOf(c.res, [...envPath, 'value'], 'value');
  const col = valuePair.start.character;
  const pad = ' '.repeat(col);
  const refText = `valueFrom:\n${pad}  secretKeyRef:\n${pad}    name: ${yamlScalar(secretName)}\n${pad}    key: ${yamlScalar(key)}`;
  const replace: TextEdit = { range: { start: valuePair.start, end: valueEnd.end }, newText: refText };
  const existing = c.ws.find('Secret', secretName, ns)[0];
  const edits: WorkspaceEditSpec = { changes: [] };
  if (existing) {
    const holder = getAt(existing.obj, ['stringData']);
    const add =
      holder && typeof holder === 'object'
        ? addKey(existing, ['stringData'], key, [yamlScalar(String(env.value))])
        : holder === undefined
          ? addKey(existing, [], 'stringData', [`${yamlScalar(key)}: ${yamlScalar(String(env.value))}`])
          : undefined;
    if (!add) return [];
    if (existing.uri === c.file.uri) edits.changes.push({ uri: c.file.uri, edits: [replace, add] });
    else edits.changes.push({ uri: c.file.uri, edits: [replace] }, { uri: existing.uri, edits: [add] });
  } else {
    const stub = stubYaml('Secret', secretName, ns, []).replace('stringData: {}', `stringData:\n  ${yamlScalar(key)}: ${yamlScalar(String(env.value))}`);
    edits.changes.push({ uri: c.file.uri, edits: [replace, appendDocument(c.file, stub)] });
  }
  return make(t(msg('fix.moveToSecret', { env: String(env.name), secret: secretName }), c.locale), edits, true);
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
