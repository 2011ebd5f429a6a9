// What core/remote/client.ts reads from a server's answers (JSON, so any shape): a Status' causes,
// a list's items, the server's version. A malformed answer reads as nothing, never a TypeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, itemsOf } from '../../core/remote/client';

test("HttpError.causes: the Status' details.causes that are objects; any other shape has none", () => {
  const cause = { type: 'FieldValueInvalid', field: 'spec.replicas', message: 'must be greater than or equal to 0' };
  assert.deepEqual(new HttpError(422, { reason: 'Invalid', details: { causes: [cause, null, 'x'] } }, 'PATCH /x').causes, [cause]);
  for (const details of [undefined, {}, { causes: 'x' }, { causes: { field: 'a' } }])
    assert.deepEqual(new HttpError(422, { reason: 'Invalid', details }, 'PATCH /x').causes, []);
  assert.deepEqual(new HttpError(500, undefined, 'GET /x').causes, []);
});

test('itemsOf: the items of a list answer; none for another shape', () => {
  assert.deepEqual(itemsOf({ kind: 'PodList', items: [{ metadata: { name: 'a' } }] }), [{ metadata: { name: 'a' } }]);
  for (const x of [undefined, null, 'x', [], { items: 'x' }]) assert.deepEqual(itemsOf(x), []);
});
