// Simulated container logs for `kubectl logs`: nginx-like images log the requests sent through
// their Service (and print their entrypoint banner), shell images print what their command
// echoes and the mounted ConfigMap/Secret files it `cat`s (after the kubelet's `$(VAR)` expansion and the shell's `$VAR`; a Secret-sourced
// variable or file reads as `<secret NAME/KEY>`, never its value), other images print a one-line start notice. Deterministic: built from the pod spec,
// container state and the requests recorded here.
import type { Cluster } from './cluster';
import type { KObject } from './store';
import type { Container, ContainerStatus, Volume } from '../k8s/types';
import { imageName } from './profiles';
import { containerEnv, expandVars } from '../k8s/expansion';
import type { Traffic } from './controllers/traffic';

interface Line {
  t: number;
  text: string;
}

const NGINX_BANNER = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/**
 * What the shell makes of `$VAR`, `${VAR}` and `$(command)` in a double-quoted or bare word: the
 * variable's value (empty when unset), and nothing for a command substitution.
 */
const shellExpand = (s: string, env: Map<string, string>): string =>
  s.replace(/\$\([^)]*\)|\$\{(\w+)\}|\$(\w+)/g, (_m, braced?: string, bare?: string) => env.get(braced ?? bare ?? '') ?? '');

/** What `cat PATH` reads: the file's text, null for a mounted folder, undefined when nothing is mounted there. */
type FileReader = (path: string) => string | null | undefined;

/**
 * What a shell command prints, in order: the strings `echo` prints (`sh -c 'echo hello; sleep 3600'`
 * → ['hello'], variables expanded by the shell) and the files `cat` reads from mounted ConfigMaps
 * and Secrets (a Secret's file reads as `<secret NAME/KEY>`; a path nothing is mounted at gets the
 * shell's error, in busybox's words for busybox).
 */
function printedLines(cmd: string[], env: Map<string, string>, read: FileReader, busybox: boolean): string[] {
  const text = cmd.join(' ');
  const out: string[] = [];
  for (const m of text.matchAll(/\becho\s+(?:-[ne]+\s+)?("([^"]*)"|'([^']*)'|([^;&|\n]*))|\bcat\s+("([^"]*)"|'([^']*)'|([^\s;&|]+))/g)) {
    if (m[5] !== undefined) {
      const path = shellExpand(m[6] ?? m[7] ?? m[8] ?? '', env);
      const body = read(path);
      if (body === null) out.push(busybox ? 'cat: read error: Is a directory' : `cat: ${path}: Is a directory`);
      else if (body === undefined) out.push(busybox ? `cat: can't open '${path}': No such file or directory` : `cat: ${path}: No such file or directory`);
      else out.push(...body.replace(/\n$/, '').split('\n'));
      continue;
    }
    out.push(m[3] !== undefined ? m[3].trim() : shellExpand((m[2] ?? m[4] ?? '').trim(), env));
  }
  if (!out.length && /^(printenv|env)\b/.test(text.trim())) return [];
  return out;
}

/** The files of a container's ConfigMap and Secret volumes, by path (a Secret's as `<secret NAME/KEY>`, never its value). */
function mountedFiles(c: Cluster, pod: KObject, spec: Partial<Container>): FileReader {
  const volumes = new Map<string, Volume>((pod.spec?.volumes ?? []).map((v: Volume) => [v.name, v]));
  return (path) => {
    for (const m of spec.volumeMounts ?? []) {
      const v = volumes.get(m.name);
      const base = m.mountPath.replace(/\/+$/, '');
      if (!v || !(path === base || path.startsWith(base + '/'))) continue;
      const rel = m.subPath ? (path === base ? m.subPath : undefined) : path.slice(base.length + 1);
      if (rel === undefined) continue;
      if (rel === '') return null;
      const ns = pod.metadata.namespace;
      if (v.configMap) {
        const data = (c.get('ConfigMap', ns, v.configMap.name ?? '')?.data ?? {}) as Record<string, string>;
        const key = v.configMap.items ? v.configMap.items.find((i) => i.path === rel)?.key : rel;
        return key !== undefined && Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
      }
      if (v.secret) {
        const secret = c.get('Secret', ns, v.secret.secretName ?? '');
        const keys = [...Object.keys(secret?.data ?? {}), ...Object.keys(secret?.stringData ?? {})];
        const key = v.secret.items ? v.secret.items.find((i) => i.path === rel)?.key : rel;
        return key !== undefined && keys.includes(key) ? `<secret ${v.secret.secretName}/${key}>` : undefined;
      }
    }
    return undefined;
  };
}

export class PodLogs {
  /** pod uid → container → request lines. */
  private requests = new Map<string, Line[]>();
  private followers = new Set<{ uid: string; container: string; fn: (l: string) => void }>();

  constructor(private c: Cluster) {
    // Requests sent through a Service (side panel, lessons, `request` commands) reach a pod's log.
    const svc = c.hook<Traffic | undefined>('services');
    if (svc && typeof svc.request === 'function') {
      const orig = svc.request.bind(svc);
      svc.request = (s: KObject, count: number, port?: number) => {
        const results = orig(s, count, port);
        for (const r of results) if (r.pod && !r.error) this.record(s.metadata.namespace ?? 'default', r.pod, 'GET', '/');
        return results;
      };
    }
  }

  private record(ns: string, podName: string, method: string, path: string): void {
    const pod = this.c.get('Pod', ns, podName);
    if (!pod) return;
    const when = new Date(this.c.options.epoch + this.c.now);
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][when.getUTCMonth()];
    const p2 = (n: number) => String(n).padStart(2, '0');
    const stamp = `${p2(when.getUTCDate())}/${mon}/${when.getUTCFullYear()}:${p2(when.getUTCHours())}:${p2(when.getUTCMinutes())}:${p2(when.getUTCSeconds())} +0000`;
    const text = `10.244.0.1 - - [${stamp}] "${method} ${path} HTTP/1.1" 200 615 "-" "kube-dorm/1.0" "-"`;
    const list = this.requests.get(pod.metadata.uid) ?? [];
    list.push({ t: this.c.now, text });
    if (list.length > 5000) list.splice(0, list.length - 5000);
    this.requests.set(pod.metadata.uid, list);
    const container = pod.spec?.containers?.[0]?.name;
    for (const f of this.followers) if (f.uid === pod.metadata.uid && f.container === container) f.fn(text);
  }

  /** A request through a Service (`kubectl get --raw .../services/NAME/proxy/`): round-robin to a ready pod. */
  request(svc: KObject, method: string, path: string): { ok: boolean; body?: string; error?: string } {
    const ctl = this.c.hook<Traffic | undefined>('services');
    if (!ctl) return { ok: false, error: 'services are not simulated' };
    const [r] = ctl.request(svc, 1);
    if (!r || r.error === 'no-endpoints') return { ok: false, error: `no endpoints available for service "${svc.metadata.name}"` };
    if (r.error) return { ok: false, error: `error trying to reach service: dial tcp ${r.ip}:${r.port}: connect: connection refused` };
    // request() above already logged a GET /; log the exact path instead when it differs.
    if (path !== '/' && r.pod) {
      const list = this.requests.get(this.c.get('Pod', svc.metadata.namespace, r.pod)?.metadata.uid ?? '');
      if (list?.length) list[list.length - 1].text = list[list.length - 1].text.replace('"GET / ', `"${method} ${path} `);
    }
    const pod = r.pod ? this.c.get('Pod', svc.metadata.namespace, r.pod) : undefined;
    const image = pod?.spec?.containers?.[0]?.image ?? '';
    return { ok: true, body: /nginx/.test(imageName(image)) ? NGINX_PAGE : `Hello from ${r.pod ?? svc.metadata.name}\n` };
  }

  containerState(pod: KObject, container: string): 'waiting' | 'running' | 'terminated' {
    const cs = statusOf(pod, container);
    if (!cs || cs.state?.waiting) return cs?.lastState?.terminated ? 'terminated' : 'waiting';
    return cs.state?.terminated ? 'terminated' : 'running';
  }

  waitingReason(pod: KObject, container: string): string {
    const cs = statusOf(pod, container);
    return cs?.state?.waiting?.reason ?? 'ContainerCreating';
  }

  lines(pod: KObject, container: string, opts: { previous?: boolean; tailLines?: number; timestamps?: boolean } = {}): string[] {
    const spec: Partial<Container> = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: Container) => x.name === container) ?? {};
    const cs = statusOf(pod, container);
    const started = this.c.msOf(cs?.state?.running?.startedAt ?? cs?.state?.terminated?.startedAt) ?? this.c.msOf(pod.metadata.creationTimestamp) ?? 0;
    const name = imageName(String(spec.image ?? ''));
    const out: Line[] = [];
    if (/nginx/.test(name)) {
      for (const l of NGINX_BANNER) out.push({ t: started, text: l });
      const when = new Date(this.c.options.epoch + started)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')
        .replace(/-/g, '/');
      out.push({ t: started, text: `${when} [notice] 1#1: using the "epoll" event method` });
      out.push({ t: started, text: `${when} [notice] 1#1: start worker processes` });
      if (!opts.previous) for (const r of this.requests.get(pod.metadata.uid) ?? []) out.push(r);
    } else {
      // The kubelet expands `$(VAR)` in command and args with the container's environment before the shell runs.
      const env = containerEnv(spec, {
        pod,
        configMap: (n) => this.c.get('ConfigMap', pod.metadata.namespace, n)?.data as Record<string, string> | undefined,
        secretKeys: (n) => {
          const secret = this.c.get('Secret', pod.metadata.namespace, n);
          return secret ? [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})] : undefined;
        },
      });
      const cmd = [...(Array.isArray(spec.command) ? spec.command : []), ...(Array.isArray(spec.args) ? spec.args : [])].map((x) =>
        expandVars(String(x), (n) => env.get(n)),
      );
      for (const e of printedLines(cmd, env, mountedFiles(this.c, pod, spec), /busybox/.test(name))) out.push({ t: started, text: e });
    }
    let lines = out;
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
    return lines.map((l) => (opts.timestamps ? `${new Date(this.c.options.epoch + l.t).toISOString()} ${l.text}` : l.text));
  }

  /** Streams new request lines of a container until the pod goes away; returns the unsubscribe. */
  follow(pod: KObject, container: string, fn: (l: string) => void, end: () => void): () => void {
    const f = { uid: pod.metadata.uid, container, fn };
    this.followers.add(f);
    const off = this.c.store.watch(
      (ev) => {
        if (ev.type === 'DELETED' && ev.object.metadata.uid === pod.metadata.uid) {
          stop();
          end();
        }
      },
      ['Pod'],
    );
    const stop = () => {
      this.followers.delete(f);
      off();
    };
    return stop;
  }
}

/** The status of a container or an init container of `pod`, by name. */
function statusOf(pod: KObject, container: string): ContainerStatus | undefined {
  const all: ContainerStatus[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return all.find((x) => x.name === container);
}
