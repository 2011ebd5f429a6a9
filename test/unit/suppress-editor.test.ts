// The editor knows every rule code in suppression comments: completion after
// `# kube-dorm-disable-next-line` offers the whole catalog (the issue 15 codes among them), and a
// hover on a code there explains it, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { complete } from '../../core/editor/complete';
import { hover } from '../../core/editor/hover';
import { ruleCatalog } from '../../core/lint';

const NEW_CODES = [
  'image-reference-invalid',
  'container-port-conflict',
  'deployment-strategy-invalid',
  'selector-overlap',
  'service-target-not-listening',
  'affinity-selects-nothing',
  'hpa-target-no-requests',
  'hpa-target-missing',
  'schema-format',
  'suppression-reason-missing',
];

const TEXT =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      # kube-dorm-disable-next-line selector-overlap, image-l -- a reason\n      image: nginx\n';

test('completion in a suppression comment offers every rule code, replacing the word typed', () => {
  const ws = new Workspace();
  ws.set('file:///p.yaml', TEXT);
  const at = TEXT.indexOf('image-l') + 'image-l'.length;
  const items = complete(ws, 'file:///p.yaml', TEXT, at, { locale: 'en' });
  assert.deepEqual(items.map((i) => i.label).sort(), [...ruleCatalog().keys()].sort());
  for (const c of NEW_CODES)
    assert.ok(
      items.some((i) => i.label === c),
      c,
    );
  const it = items.find((i) => i.label === 'image-latest')!;
  assert.equal(TEXT.slice(it.replaceStart, it.replaceEnd), 'image-l');
  // After " -- " is the reason: no codes there.
  assert.ok(!complete(ws, 'file:///p.yaml', TEXT, TEXT.indexOf('a reason') + 1, { locale: 'en' }).some((i) => i.label === 'image-latest'));
});

test('a hover on a code in a suppression comment gives its title, severity and analogy', () => {
  const ws = new Workspace();
  ws.set('file:///p.yaml', TEXT);
  const at = TEXT.indexOf('selector-overlap') + 3;
  const en = hover(ws, 'file:///p.yaml', at, { locale: 'en' });
  assert.match(en!.markdown, /\*\*selector-overlap\*\* · warning\n\nTwo controllers select the same pods\n\n🏠 Two head managers/);
  const zh = hover(ws, 'file:///p.yaml', at, { locale: 'zh-cn' });
  assert.match(zh!.markdown, /两个控制器选中了同一批 Pod/);
  assert.equal(TEXT.slice(ws.get('file:///p.yaml')!.lines.offset(en!.range.start), ws.get('file:///p.yaml')!.lines.offset(en!.range.end)), 'selector-overlap');
});
