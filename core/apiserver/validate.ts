// What a write must pass before it reaches the cluster: a decodable body (JSON, YAML or the
// protobuf envelope) and an existing namespace; the object's own validation (the linter's as the
// API server's, the structural checks, immutable fields) is core/cluster/validation.ts, which the
// built-in kubectl's writes share.
import type * as http from 'node:http';
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { isObj } from '../k8s/guards';
import { parseYamlBody } from './body';
import { ApiError, type ReqCtx } from './http';
import { findUnsafeKey } from '../k8s/patch';
import { decodeProtobufObject, isProtobuf } from './protobuf';
import type { ResourceDef } from '../k8s/registry';

/** The request body as an object, by its Content-Type. */
export function decodeBody(x: ReqCtx): KObject {
  const ct = String(x.req.headers['content-type'] ?? 'application/json');
  let v: unknown;
  try {
    if (isProtobuf(ct)) v = decodeProtobufObject(x.body);
    else if (/yaml/.test(ct)) v = parseYamlBody(x.body.toString('utf8'));
    else v = JSON.parse(x.body.toString('utf8'));
  } catch (e) {
    throw new ApiError(
      isProtobuf(ct) ? 415 : 400,
      isProtobuf(ct) ? 'UnsupportedMediaType' : 'BadRequest',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${(e as Error).message})`,
    );
  }
  if (!isObj(v)) throw new ApiError(400, 'BadRequest', 'the body of the request must be an object');
  // An own `__proto__` key would become a prototype as soon as the object is copied field by field.
  if (findUnsafeKey(v, ['__proto__']) !== undefined)
    throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format: "__proto__" is not a field of any object');
  return v as KObject;
}

/** Sends validation warnings as `Warning: 299` headers (kubectl prints them). */
export function warn(res: http.ServerResponse, warnings: string[]): void {
  if (warnings.length) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', '));
}

/** 404 unless the namespace a namespaced write goes to exists. */
export function checkNamespace(cluster: Cluster, def: ResourceDef, namespace: string | undefined): void {
  if (def.namespaced && namespace && !cluster.get('Namespace', undefined, namespace)) {
    throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
  }
}
