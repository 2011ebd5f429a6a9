// The editor on custom resources: hover and completion from the CRD's schema and descriptions, and
// go to definition from a custom resource's kind to its CRD.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { hover } from '../../core/editor/hover';
import { complete } from '../../core/editor/complete';
import { definition } from '../../core/editor/navigate';

// (The schema catalog is built by `npm run build`, as for the other editor tests.)
const root = path.resolve(__dirname, '..', '..');
const CRDS = readFileSync(path.join(root, 'test', 'fixtures', 'crd', 'crds.yaml'), 'utf8');
const CR = 'file:///ws/widget.yaml';
const TEXT = `apiVersion: dorm.example.com/v1
kind: Widget
metadata:
  name: desk
spec:
  size: small
  replicas: 3
`;

function ws(text = TEXT): Workspace {
  const w = new Workspace();
  w.set('file:///ws/crds.yaml', CRDS);
  w.set(CR, text);
  return w;
}
const at = (text: string, needle: string, delta = 0) => text.indexOf(needle) + delta;

describe('editor on custom resources', () => {
  it('hover on a field: the CRD description, type, limits and where the schema came from', () => {
    const h = hover(ws(), CR, at(TEXT, 'replicas'), { locale: 'en' })!;
    assert.match(h.markdown, /\*\*replicas\*\* · Type: `integer`/);
    assert.match(h.markdown, /How many copies of the widget the room gets\./);
    assert.match(h.markdown, /Limits: minimum: 1, maximum: 10/);
    assert.match(h.markdown, /From CustomResourceDefinition `widgets\.dorm\.example\.com` \(version v1\), ws\/crds\.yaml/);
    const size = hover(ws(), CR, at(TEXT, 'size'), { locale: 'zh-cn' })!;
    assert.match(size.markdown, /类型：`string` · 必填/);
    assert.match(size.markdown, /enum: `small` \| `medium` \| `large`/);
  });
  it('hover on kind: the CRD’s top description and file', () => {
    const h = hover(ws(), CR, at(TEXT, 'Widget'), { locale: 'en' })!;
    assert.match(h.markdown, /A Widget is a piece of dorm furniture\./);
    assert.match(h.markdown, /CustomResourceDefinition `widgets\.dorm\.example\.com` \(Namespaced\) in ws\/crds\.yaml/);
  });
  it('completion offers the schema’s properties not yet written, required first, and enum values', () => {
    const text = TEXT + '  \n';
    const items = complete(ws(text), CR, text, text.length - 1, { locale: 'en' });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('nickname') && labels.includes('tags') && labels.includes('template'), labels.join(','));
    assert.ok(!labels.includes('size') && !labels.includes('replicas'), 'already written');
    assert.equal(items.find((i) => i.label === 'tags')!.insertText, 'tags: [$0]');
    const v = TEXT.replace('size: small', 'size: ');
    const values = complete(ws(v), CR, v, at(v, 'size: ') + 6, { locale: 'en' }).map((i) => i.label);
    assert.deepEqual(values, ['small', 'medium', 'large']);
  });
  it('completion of kind and apiVersion includes the workspace’s custom kinds', () => {
    const k = TEXT.replace('kind: Widget', 'kind: ');
    assert.ok(complete(ws(k), CR, k, at(k, 'kind: ') + 6, { locale: 'en' }).some((i) => i.label === 'Widget'));
    const a = TEXT.replace('apiVersion: dorm.example.com/v1', 'apiVersion: ');
    assert.ok(complete(ws(a), CR, a, at(a, 'apiVersion: ') + 12, { locale: 'en' }).some((i) => i.label === 'dorm.example.com/v1'));
  });
  it('go to definition from kind jumps to the CRD’s spec.names.kind', () => {
    const [d] = definition(ws(), CR, at(TEXT, 'Widget', 2));
    assert.equal(d.uri, 'file:///ws/crds.yaml');
    assert.equal(CRDS.split('\n')[d.range.start.line].trim(), 'kind: Widget');
  });
  it('a custom resource with no CRD: no hover, no definition, no crash', () => {
    const w = new Workspace();
    w.set(CR, TEXT);
    assert.doesNotMatch(hover(w, CR, at(TEXT, 'replicas'), { locale: 'en' })?.markdown ?? '', /CustomResourceDefinition|Type:/);
    assert.deepEqual(definition(w, CR, at(TEXT, 'Widget', 2)), []);
  });
});
