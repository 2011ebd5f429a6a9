// How a container behaves in the simulator: a small table of well-known images plus scripted
// behaviour from annotations (documented in docs/simulator.md). Everything is a pure function of
// the pod spec, so the same manifest always behaves the same way.
import { parseDuration } from './clock';
import { parseQuantity } from '../k8s/quantity';
import { imageName } from '../k8s/images';
import { imageTag } from './defaults';
import { asArray, isObj, objOf } from '../k8s/guards';
import { scriptBehavior, SHELLS } from './profiles-script';

export { imageName };

const ANNOTATION_PREFIX = 'kube-dorm.dev/';

export interface Behavior {
  /** From scheduled to running (image pull + create), ms. */
  startMs: number;
  /**
   * After start until the container passes its readiness probe (the image's warm-up, then
   * initialDelaySeconds); null = never ready. Without a readiness probe the kubelet makes a running
   * container ready at once (prober_manager.go): 0, unless `kube-dorm.dev/ready-after` scripts it.
   */
  readyAfterMs: number | null;
  /** After start until the process exits by itself; null = runs until stopped. */
  exitAfterMs: number | null;
  exitCode: number;
  /** Memory the process settles at (bytes), compared with limits.memory. */
  memoryBytes: number | undefined;
  /** CPU (cores) the running process asks for (`kube-dorm.dev/cpu`, else the profile's idle figure); limits.cpu throttles it. */
  cpuCores: number;
  /** Ports the process listens on; null = unknown (every probe succeeds). */
  listens: number[] | null;
  /** Time to stop after SIGTERM; null = ignores SIGTERM (killed at the end of the grace period). */
  stopMs: number | null;
  /** Why the image exits by itself (for docs and hovers), e.g. missing env var. */
  note?: string;
}

interface Profile {
  match: RegExp;
  listens: number[] | null;
  readyAfterMs?: number;
  /** Required env: one of these names must be set, else it exits 1 after 1 s. */
  needsEnv?: string[][];
  memory?: string;
  /** CPU the idle process uses (a server waiting for requests); shells and tools idle at none. */
  cpu?: string;
  /** Shell and language images: behaviour comes from the command (none: the shell or REPL exits at once). */
  shell?: boolean;
  /** Language images whose tag runs a server by default (`php:8-apache`): tag pattern → ports. */
  serverTags?: [RegExp, number[]][];
  exitAfterMs?: number;
  stopMs?: number | null;
}

/** An image the simulator does not know idles at this much CPU. */
const UNKNOWN_IMAGE_CPU = '1m';

/** A shell loop that never sleeps, or `yes`: the process spins on a CPU. */
const BUSY_LOOP = /\bwhile\s+(true|:)\s*;?\s*do\b|(^|[;&|]\s*|\s)yes(\s|$)/;

/** Image name (without registry, tag or digest) → behaviour. First match wins. */
const IMAGE_PROFILES: Profile[] = [
  { match: /^(library\/)?nginx$|nginx-unprivileged$|^nginxinc\//, listens: [80], cpu: '1m', memory: '8Mi' },
  { match: /^(library\/)?httpd$/, listens: [80], cpu: '1m', memory: '10Mi' },
  { match: /^(library\/)?caddy$/, listens: [80, 443], cpu: '1m', memory: '15Mi' },
  {
    match: /^(library\/)?(mysql|percona)$/,
    listens: [3306],
    readyAfterMs: 10000,
    cpu: '6m',
    memory: '360Mi',
    needsEnv: [['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD']],
  },
  {
    match: /^(library\/)?mariadb$/,
    listens: [3306],
    readyAfterMs: 8000,
    cpu: '3m',
    memory: '120Mi',
    needsEnv: [
      [
        'MARIADB_ROOT_PASSWORD',
        'MYSQL_ROOT_PASSWORD',
        'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD',
        'MYSQL_ALLOW_EMPTY_PASSWORD',
        'MARIADB_RANDOM_ROOT_PASSWORD',
        'MYSQL_RANDOM_ROOT_PASSWORD',
      ],
    ],
  },
  {
    match: /^(library\/)?postgres$/,
    listens: [5432],
    readyAfterMs: 5000,
    cpu: '3m',
    memory: '40Mi',
    needsEnv: [['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD']],
  },
  { match: /^(library\/)?redis$|redis$/, listens: [6379], cpu: '2m', memory: '8Mi' },
  { match: /^(library\/)?memcached$/, listens: [11211], cpu: '1m', memory: '4Mi' },
  { match: /^(library\/)?mongo$/, listens: [27017], readyAfterMs: 5000, cpu: '8m', memory: '150Mi' },
  { match: /^(library\/)?rabbitmq$/, listens: [5672, 15672], readyAfterMs: 10000, cpu: '10m', memory: '130Mi' },
  { match: /^(library\/)?wordpress$/, listens: [80], cpu: '1m', memory: '60Mi' },
  { match: /^(library\/)?(busybox|alpine|ubuntu|debian|centos|fedora|bash)$/, listens: [], shell: true, memory: '1Mi', stopMs: null },
  { match: /^(library\/)?perl$/, listens: [], shell: true, memory: '10Mi', stopMs: null },
  { match: /^(library\/)?(python|pypy)$/, listens: [], shell: true, memory: '10Mi', stopMs: null },
  { match: /^(library\/)?node$/, listens: [], shell: true, memory: '30Mi', stopMs: null },
  { match: /^(library\/)?golang$/, listens: [], shell: true, memory: '20Mi', stopMs: null },
  { match: /^(library\/)?(openjdk|eclipse-temurin|amazoncorretto)$/, listens: [], shell: true, memory: '100Mi', stopMs: null },
  { match: /^(library\/)?ruby$/, listens: [], shell: true, memory: '20Mi', stopMs: null },
  {
    match: /^(library\/)?php$/,
    listens: [],
    shell: true,
    memory: '15Mi',
    stopMs: null,
    serverTags: [
      [/apache/, [80]],
      [/fpm/, [9000]],
    ],
  },
  { match: /(^|\/)pause$/, listens: [], memory: '1Mi' },
  { match: /(^|\/)echoserver$/, listens: [8080], cpu: '1m', memory: '5Mi' },
  { match: /(^|\/)hello-app$/, listens: [8080], cpu: '1m', memory: '5Mi' },
  { match: /(^|\/)(hpa-example|php-apache)$/, listens: [80], cpu: '1m', memory: '20Mi' },
  { match: /(^|\/)(guestbook|gb-frontend)$/, listens: [80], cpu: '1m', memory: '20Mi' },
];

/** The `kube-dorm.dev/NAME.CONTAINER` annotation, else `kube-dorm.dev/NAME`. */
export function ann(annotations: Record<string, string> | undefined, name: string, container: string): string | undefined {
  if (!annotations) return undefined;
  return annotations[`${ANNOTATION_PREFIX}${name}.${container}`] ?? annotations[`${ANNOTATION_PREFIX}${name}`];
}

/** Whether any annotation is a `kube-dorm.dev/` one. */
function hasOwnAnnotation(annotations: Record<string, string> | undefined): boolean {
  for (const k in annotations) if (k.startsWith(ANNOTATION_PREFIX)) return true;
  return false;
}

/** Whether `cmd` replaces a server image's own program with a shell, a one-shot tool or `sleep`/`echo`. */
function overridesServer(cmd: string[]): boolean {
  return cmd.length > 0 && (SHELLS.test(cmd[0]) || /^(\/bin\/)?(sleep|echo|true|false|cat|printenv|env)$/.test(cmd[0]));
}

/**
 * Behaviour of one container: image profile, then the pod's `kube-dorm.dev/*` annotations
 * (a key suffixed `.CONTAINER` applies to that container only).
 */
export function behaviorOf(
  container: unknown,
  annotations: Record<string, string> | undefined,
  envNames: Set<string>,
  readinessProbe?: unknown,
  init = false,
): Behavior {
  const ctr = isObj(container) ? container : undefined;
  const image = typeof ctr?.image === 'string' ? ctr.image : '';
  const name = typeof ctr?.name === 'string' ? ctr.name : '';
  const iname = imageName(image);
  const prof = IMAGE_PROFILES.find((p) => p.match.test(iname));
  const b: Behavior = {
    startMs: 1000,
    // An image's warm-up matters only to a readiness probe: without one, nothing asks whether it answers.
    readyAfterMs: isObj(readinessProbe) ? (prof?.readyAfterMs ?? 0) : 0,
    exitAfterMs: null,
    exitCode: 0,
    memoryBytes: prof?.memory ? parseQuantity(prof.memory) : undefined,
    cpuCores: parseQuantity(prof?.cpu ?? (prof ? 0 : UNKNOWN_IMAGE_CPU)) ?? 0,
    listens: prof ? prof.listens : null,
    stopMs: prof && 'stopMs' in prof ? (prof.stopMs ?? null) : 0,
  };
  const command = asArray(ctr?.command).map(String);
  const cmd = [...command, ...asArray(ctr?.args).map(String)];
  const serverTag = !command.length ? prof?.serverTags?.find(([re]) => re.test(imageTag(image) ?? '')) : undefined;
  // The image's own program runs unless the command replaces it (a shell image's program is its command).
  let ownProgram = !!prof && !prof.shell;
  if (serverTag) b.listens = serverTag[1];
  else if (prof?.shell || (cmd.length && SHELLS.test(cmd[0])) || (prof && overridesServer(command))) {
    ownProgram = false;
    const s = scriptBehavior(cmd);
    b.exitAfterMs = s.exitAfterMs;
    b.exitCode = s.exitCode;
    // A program the simulator cannot read runs like a server (ports unknown); an init container's is
    // taken to do its work and finish, as init containers are written to.
    b.listens = s.opaque ? null : [];
    // A loop that never sleeps (`while true; do :; done`, `yes`) wants a whole core.
    if (BUSY_LOOP.test(cmd.join(' ')) && !/\bsleep\b/.test(cmd.join(' '))) b.cpuCores = 1;
    if (s.opaque && init) b.exitAfterMs = s.sleepMs;
  } else if (!prof && init) {
    // An image the simulator does not know, as an init container: it does its work and finishes.
    b.exitAfterMs = scriptBehavior(cmd).sleepMs;
  }
  if (ownProgram && prof?.needsEnv) {
    for (const alternatives of prof.needsEnv) {
      if (!alternatives.some((e) => envNames.has(e))) {
        b.exitAfterMs = 1000;
        b.exitCode = 1;
        if (isObj(readinessProbe)) b.readyAfterMs = null;
        b.note = `needs one of ${alternatives.join(', ')}`;
      }
    }
  }
  // Readiness probe: the first probe runs after initialDelaySeconds.
  if (isObj(readinessProbe)) {
    const delay = (Number(readinessProbe.initialDelaySeconds) || 0) * 1000;
    if (b.readyAfterMs !== null) b.readyAfterMs = Math.max(b.readyAfterMs, delay);
    const port = probePort(readinessProbe, container);
    if (port !== undefined && b.listens && !b.listens.includes(port) && !readinessProbe.exec) b.readyAfterMs = null;
  }
  // Most pods carry no kube-dorm.dev/ annotation: then no key is built for each lookup.
  const ours = hasOwnAnnotation(annotations);
  const own = ours ? annotations : undefined;
  const start = parseDuration(ann(own, 'start-after', name));
  if (start !== undefined) b.startMs = start;
  const ready = ann(own, 'ready-after', name);
  if (ready !== undefined) b.readyAfterMs = ready.trim() === 'never' ? null : (parseDuration(ready) ?? b.readyAfterMs);
  const exitCode = ann(own, 'exit-code', name);
  const crash = parseDuration(ann(own, 'crash-after', name));
  if (exitCode !== undefined && Number.isFinite(Number(exitCode))) {
    b.exitCode = Number(exitCode);
    if (b.exitAfterMs === null) b.exitAfterMs = 0;
  }
  if (crash !== undefined) {
    b.exitAfterMs = crash;
    if (exitCode === undefined) b.exitCode = 1;
  }
  const runFor = parseDuration(ann(own, 'run-for', name));
  if (runFor !== undefined) {
    b.exitAfterMs = runFor;
    if (exitCode === undefined) b.exitCode = 0;
  }
  const mem = ann(own, 'memory', name);
  if (mem !== undefined) b.memoryBytes = parseQuantity(mem) ?? b.memoryBytes;
  const cpu = ann(own, 'cpu', name);
  if (cpu !== undefined) b.cpuCores = parseQuantity(cpu) ?? b.cpuCores;
  const listen = ann(own, 'listen', name);
  if (listen !== undefined)
    b.listens = listen
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
      .filter(Number.isFinite);
  const stop = ann(own, 'stop-after', name);
  if (stop !== undefined) b.stopMs = stop.trim() === 'never' ? null : (parseDuration(stop) ?? b.stopMs);
  const slow = throttleFactor(container, b.cpuCores);
  if (slow > 1 && b.readyAfterMs) b.readyAfterMs = Math.round(b.readyAfterMs * slow);
  return b;
}

/**
 * CPU limits are a CFS quota: a process that wants more than limits.cpu gets exactly its limit and
 * runs that many times slower (its start-up until ready included); it is never killed for it.
 */
export function throttleFactor(container: unknown, cpuCores: number): number {
  const v = objOf(objOf(objOf(container).resources).limits).cpu;
  const limit = v === undefined ? undefined : parseQuantity(v);
  return limit !== undefined && limit > 0 && cpuCores > limit ? cpuCores / limit : 1;
}

/** The port a probe targets (number, or a named containerPort resolved). */
export function probePort(probe: unknown, container: unknown): number | undefined {
  const portOf = (handler: unknown): unknown => (isObj(handler) ? handler.port : undefined);
  const p = isObj(probe) ? (portOf(probe.httpGet) ?? portOf(probe.tcpSocket) ?? portOf(probe.grpc)) : undefined;
  if (typeof p === 'number') return p;
  if (typeof p === 'string') {
    if (/^\d+$/.test(p)) return Number(p);
    const cp = asArray(isObj(container) ? container.ports : undefined).find((x) => isObj(x) && x.name === p);
    return isObj(cp) && typeof cp.containerPort === 'number' ? cp.containerPort : undefined;
  }
  return undefined;
}
