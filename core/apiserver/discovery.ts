// The documents a client reads before it touches a resource: /version, health checks, legacy
// discovery (/api, /apis, per group-version resource lists) and OpenAPI v2 (JSON or gnostic
// protobuf) and v3.
import type * as http from 'node:http';
import { notFound, send } from './http';
import { encodeOpenApiV2, type SwaggerDoc } from './openapi-pb';
import { openApiV2, openApiV3Doc, openApiV3Index } from './openapi';
import { servedGroups, servedResources, type ResourceDef } from '../k8s/registry';
import { customGroups, customOpenApiV3Doc, type CustomDef } from './crds';

const KUBE_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** /version: the targeted minor (`v1.30.0`), or else the version serve has always said. */
function versionInfo(kubernetesVersion: string | undefined): typeof KUBE_VERSION {
  if (!kubernetesVersion) return KUBE_VERSION;
  const minor = kubernetesVersion.slice(2);
  return { ...KUBE_VERSION, minor, gitVersion: `v1.${minor}.0` };
}

/** The protobuf encoding of the v2 document, per targeted version ('' for none). */
const v2protobuf = new Map<string, Buffer>();

/**
 * Answers a GET of a discovery, OpenAPI or health path; false when `parts` (the decoded path
 * segments) name something else. `address` is the server's base URL.
 */
export function serveDiscovery(
  parts: string[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
  address: string,
  custom: CustomDef[] = [],
  kubernetesVersion?: string,
): boolean {
  const p = '/' + parts.join('/');
  const all: ResourceDef[] = [...servedResources(kubernetesVersion), ...custom];
  // A group version the targeted Kubernetes does not serve is left out, and a group left empty too.
  const groups = [...servedGroups(kubernetesVersion), ...customGroups(custom)];
  if (p === '/version') send(res, 200, versionInfo(kubernetesVersion));
  else if (p === '/healthz' || p === '/livez' || p === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  } else if (p === '/api')
    send(res, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address.replace(/^https?:\/\//, '') }],
    });
  else if (p === '/apis') send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(apiGroup) });
  else if (p === '/api/v1') send(res, 200, resourceList(all, '', 'v1'));
  else if (parts[0] === 'apis' && parts.length === 2) {
    const g = groups.find((x) => x.name === parts[1]);
    if (!g) throw notFound();
    send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) });
  } else if (parts[0] === 'apis' && parts.length === 3) {
    const list = resourceList(all, parts[1], parts[2]);
    if (!list.resources.length) throw notFound();
    send(res, 200, list);
  } else if (p === '/openapi/v2') {
    // kubectl asks for gnostic's protobuf encoding; other clients get JSON.
    if (/protobuf/.test(req.headers.accept ?? '')) {
      const key = kubernetesVersion ?? '';
      let pb = v2protobuf.get(key);
      if (!pb) v2protobuf.set(key, (pb = encodeOpenApiV2(openApiV2(kubernetesVersion) as SwaggerDoc)));
      res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
      res.end(pb);
    } else send(res, 200, openApiV2(kubernetesVersion));
  } else if (p === '/openapi/v3') send(res, 200, openApiV3Index(customGroups(custom), kubernetesVersion));
  else if (parts[0] === 'openapi' && parts[1] === 'v3') {
    const doc = openApiV3Doc(parts.slice(2).join('/'), kubernetesVersion) ?? customOpenApiV3Doc(custom, parts.slice(2).join('/'));
    if (!doc) throw notFound();
    send(res, 200, doc, custom.length ? {} : { 'Cache-Control': 'public, immutable' });
  } else return false;
  return true;
}

function apiGroup(g: { name: string; versions: string[] }): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

function resourceList(all: ResourceDef[], group: string, version: string): { kind: string; apiVersion: string; groupVersion: string; resources: unknown[] } {
  const out: unknown[] = [];
  for (const d of all.filter((x) => x.group === group && x.version === version)) {
    out.push({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs,
      ...(d.shortNames.length ? { shortNames: d.shortNames } : {}),
      ...(d.categories.length ? { categories: d.categories } : {}),
      storageVersionHash: Buffer.from(`${d.apiVersion}/${d.kind}`).toString('base64').slice(0, 11),
    });
    for (const s of d.subresources) {
      out.push({
        name: `${d.plural}/${s.name}`,
        singularName: '',
        namespaced: d.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: out };
}
