// Hover and completion at a targeted Kubernetes version, at the core (the JSON-RPC side is
// test/lsp/versions.test.ts): 1.35's "1.35 or 1.36" fields are offered with that said, an older
// apiVersion's generated schema completes and hovers.
import '../support/ensure-catalog';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { complete } from '../../core/editor/complete';
import { hover } from '../../core/editor/hover';

const URI = 'file:///ver.yaml';
/** Completes at the `|` in `text` (the bar is removed) for `kubernetesVersion`. */
function completeAt(textWithBar: string, kubernetesVersion: string) {
  const offset = textWithBar.indexOf('|');
  const text = textWithBar.slice(0, offset) + textWithBar.slice(offset + 1);
  const ws = new Workspace();
  ws.set(URI, text);
  return complete(ws, URI, text, offset, { locale: 'en', kubernetesVersion });
}
function hoverAt(text: string, needle: string, kubernetesVersion: string, locale: 'en' | 'zh-cn' = 'en') {
  const ws = new Workspace();
  ws.set(URI, text);
  return hover(ws, URI, text.indexOf(needle) + 1, { locale, kubernetesVersion })?.markdown ?? '';
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  schedulingGroup: {}
  containers:
    - name: app
      image: nginx:1.27
  |
`;

test('on 1.35 a field added in 1.35 or 1.36 is offered, with that said; on 1.34 it is not offered', () => {
  const at35 = completeAt(POD, '1.35').find((i) => i.label === 'schedulingGroup' || i.label === 'hostnameOverride');
  assert.equal(at35?.label, 'hostnameOverride'); // schedulingGroup is written already
  const pod = POD.replace('  schedulingGroup: {}\n', '');
  const sg = completeAt(pod, '1.35').find((i) => i.label === 'schedulingGroup');
  assert.match(sg?.detail ?? '', /added in Kubernetes 1\.35 or 1\.36: your target 1\.35 may not have it/);
  assert.equal(
    completeAt(pod, '1.34').find((i) => i.label === 'schedulingGroup'),
    undefined,
  );
  assert.ok(completeAt(pod, '1.36').find((i) => i.label === 'schedulingGroup' && !/added in/.test(i.detail ?? '')));
  const text = POD.replace('  |\n', '');
  assert.match(
    hoverAt(text, 'schedulingGroup', '1.35'),
    /Added in Kubernetes 1\.35 or 1\.36; your target is 1\.35 \(`kubeDorm\.kubernetesVersion`\): whether it has this field is not known\./,
  );
  assert.match(hoverAt(text, 'schedulingGroup', '1.34'), /Added in Kubernetes 1\.36; your target is 1\.34/);
  assert.match(hoverAt(text, 'schedulingGroup', '1.34', 'zh-cn'), /在 Kubernetes 1\.36 中加入；你的目标版本是 1\.34/);
  assert.doesNotMatch(hoverAt(text, 'schedulingGroup', '1.36'), /Added in/);
});

test('an apiVersion 1.36 no longer serves completes and hovers from its generated schema on a target that serves it', () => {
  const plc = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
kind: PriorityLevelConfiguration
metadata:
  name: plc
spec:
  type: Limited
  limited:
    |
`;
  const fields = completeAt(plc, '1.28').map((i) => i.label);
  assert.ok(fields.includes('assuredConcurrencyShares') && !fields.includes('nominalConcurrencyShares'), fields.join(','));
  const text = plc.replace('    |\n', '    assuredConcurrencyShares: 5\n');
  // client-node 0.20.0 (1.28) keeps no formats and 1.36 has no such field to refine it: a number, no description.
  assert.equal(hoverAt(text, 'assuredConcurrencyShares', '1.28'), '**assuredConcurrencyShares** · Type: `number`');
  // Its kind is offered at that apiVersion on 1.28.
  const kinds = completeAt('apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\nkind: |\n', '1.28').map((i) => i.label);
  assert.deepEqual(kinds.sort(), ['FlowSchema', 'PriorityLevelConfiguration']);
});
