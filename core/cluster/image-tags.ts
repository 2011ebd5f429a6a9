// Which images exist, so a typo pulls as it does on a real cluster (ErrImagePull, then
// ImagePullBackOff). Data: the registries the simulator knows, and for each profiled image its
// released versions and tag forms. The rule (docs/simulator.md): a tag exists when it is
//   NAMED[-VARIANT]  (latest, stable, alpine, lts, ...), or
//   VERSION[-VARIANT] with VERSION = MAJOR | MAJOR.MINOR | MAJOR.MINOR.PATCH[_BUILD] (PATCH any number)
//   and MAJOR.MINOR inside one of the image's released ranges;
// VARIANT is one of the image's variant forms. Images without data here (not profiled, or another
// repository) pull whatever their tag, and so do images pinned by digest; an unknown registry host
// never resolves. The `kube-dorm.dev/image-exists` annotation ("true"/"false") overrides all this.

interface TagData {
  /** Repositories: `nginx` (Docker Hub's library), `nginxinc/nginx-unprivileged` (Docker Hub), or with the registry host. */
  names: string[];
  /** Released MAJOR[.MINOR] ranges, space-separated: `1.9-29` = 1.9 … 1.29; `10-18.0-30` = majors 10 … 18, minors 0 … 30. */
  versions: string;
  named: string[];
  /** The variant part after `-` (whole). */
  variants?: RegExp;
}

const DEBIAN = 'bookworm|bullseye|buster|stretch|jessie|trixie';
const ALPINE = 'alpine(3\\.\\d+)?';
const v = (s: string) => new RegExp(`^(${s})$`);

const TAGS: TagData[] = [
  {
    names: ['nginx', 'nginx-unprivileged', 'nginxinc/nginx-unprivileged'],
    versions: '1.9-31',
    named: ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'perl', 'otel', 'alpine-perl', 'alpine-otel', ...DEBIAN.split('|')],
    variants: v(`${ALPINE}(-slim|-perl|-otel)?|perl|otel|${DEBIAN}(-perl|-otel)?|alpine-slim|alpine-perl|alpine-otel`),
  },
  { names: ['httpd'], versions: '2.2-4', named: ['latest', 'alpine', ...DEBIAN.split('|')], variants: v(`${ALPINE}|${DEBIAN}`) },
  { names: ['caddy'], versions: '2.0-10', named: ['latest', 'alpine', 'builder', 'builder-alpine'], variants: v(`${ALPINE}|builder|builder-alpine`) },
  {
    names: ['mysql'],
    versions: '5.5-7 8.0-4 9.0-5',
    named: ['latest', 'lts', 'innovation', 'oracle', 'debian'],
    variants: v('oracle|debian|oraclelinux[89]|bookworm|bullseye'),
  },
  { names: ['percona', 'percona/percona-server'], versions: '5.5-7 8.0-4', named: ['latest'], variants: v('\\d+|centos') },
  {
    names: ['mariadb'],
    versions: '10.0-11 11.0-8 12.0-1',
    named: ['latest', 'lts', 'jammy', 'noble', 'focal', 'ubi', 'ubi9'],
    variants: v('jammy|noble|focal|ubi9?'),
  },
  { names: ['postgres'], versions: '9.0-6 10-18.0-30', named: ['latest', 'alpine', ...DEBIAN.split('|')], variants: v(`${ALPINE}|${DEBIAN}`) },
  {
    names: ['redis'],
    versions: '2.6-8 3.0-2 4.0 5.0 6.0-2 7.0-4 8.0-2',
    named: ['latest', 'alpine', ...DEBIAN.split('|')],
    variants: v(`${ALPINE}|${DEBIAN}|debian-\\d+(-r\\d+)?`),
  },
  { names: ['memcached'], versions: '1.4-6', named: ['latest', 'alpine', 'bookworm', 'bullseye'], variants: v(`${ALPINE}|${DEBIAN}`) },
  { names: ['mongo'], versions: '3.0-6 4.0-4 5.0 6.0 7.0 8.0-2', named: ['latest', 'jammy', 'noble', 'focal'], variants: v('jammy|noble|focal|bionic') },
  {
    names: ['rabbitmq'],
    versions: '3.6-13 4.0-2',
    named: ['latest', 'management', 'alpine', 'management-alpine'],
    variants: v('management|alpine|management-alpine'),
  },
  {
    names: ['wordpress'],
    versions: '4.0-9 5.0-9 6.0-8',
    named: ['latest', 'apache', 'fpm', 'fpm-alpine', 'cli', 'beta', 'php8.1', 'php8.2', 'php8.3'],
    variants: v('(php\\d\\.\\d-)?(apache|fpm|fpm-alpine|cli)|php\\d\\.\\d'),
  },
  { names: ['busybox'], versions: '1.21-37', named: ['latest', 'stable', 'unstable', 'glibc', 'musl', 'uclibc'], variants: v('glibc|musl|uclibc') },
  { names: ['alpine'], versions: '3.0-22', named: ['latest', 'edge'] },
  {
    names: ['ubuntu'],
    versions: '12-25.0-10',
    named: ['latest', 'rolling', 'devel', 'trusty', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky'],
    variants: v('\\d{8}'),
  },
  {
    names: ['debian'],
    versions: '7-13.0-12',
    named: ['latest', 'stable', 'testing', 'unstable', 'sid', 'oldstable', 'experimental', ...DEBIAN.split('|')],
    variants: v('slim|backports|\\d{8}(-slim)?'),
  },
  { names: ['centos'], versions: '6-8.0-10', named: ['latest', 'centos6', 'centos7', 'centos8'] },
  { names: ['fedora'], versions: '20-42.0', named: ['latest', 'rawhide'] },
  { names: ['bash'], versions: '3.0-2 4.0-4 5.0-3', named: ['latest', 'devel'], variants: v(ALPINE) },
  {
    names: ['perl'],
    versions: '5.8-42',
    named: ['latest', 'slim', 'threaded', 'stable'],
    variants: v(`slim|threaded|${DEBIAN}|slim-(${DEBIAN})|threaded-(${DEBIAN})`),
  },
  {
    names: ['python'],
    versions: '2.7 3.0-14',
    named: ['latest', 'slim', 'alpine', ...DEBIAN.split('|')],
    variants: v(`slim|${ALPINE}|${DEBIAN}|slim-(${DEBIAN})|windowsservercore[\\w-]*`),
  },
  { names: ['pypy'], versions: '2.7 3.7-11', named: ['latest', 'slim', 'bookworm'], variants: v(`slim|${DEBIAN}|slim-(${DEBIAN})`) },
  {
    names: ['node'],
    versions: '0.10-12 4-25.0-30',
    named: ['latest', 'current', 'lts', 'alpine', 'slim', 'lts-alpine', 'lts-slim', 'current-alpine', 'current-slim', 'iron', 'jod', 'hydrogen', 'gallium'],
    variants: v(`${ALPINE}|slim|${DEBIAN}|(${DEBIAN})-slim`),
  },
  { names: ['golang'], versions: '1.0-25', named: ['latest', 'alpine', ...DEBIAN.split('|')], variants: v(`${ALPINE}|${DEBIAN}|windowsservercore[\\w-]*`) },
  {
    names: ['openjdk'],
    versions: '6-26.0',
    named: ['latest', 'jdk', 'jre', 'slim', 'alpine', 'jdk-slim', 'jre-slim', 'jdk-alpine', 'jre-alpine'],
    variants: v(`(jdk|jre)(-slim|-alpine|-oracle|-${DEBIAN})?|slim|alpine|oracle|${DEBIAN}|slim-(${DEBIAN})|ea-[\\w-]+`),
  },
  {
    names: ['eclipse-temurin'],
    versions: '8-25.0',
    named: ['latest', 'jdk', 'jre', 'alpine'],
    variants: v(`(jdk|jre)(-alpine|-jammy|-noble|-focal|-ubi9-minimal)?|alpine|jammy|noble|focal`),
  },
  {
    names: ['amazoncorretto'],
    versions: '8-25.0',
    named: ['latest', 'alpine'],
    variants: v(`${ALPINE}(-jdk|-full)?|al2023(-jdk|-headless)?|al2(-jdk|-full|-generic)?`),
  },
  {
    names: ['ruby'],
    versions: '1.9 2.0-7 3.0-4',
    named: ['latest', 'slim', 'alpine', ...DEBIAN.split('|')],
    variants: v(`slim|${ALPINE}|${DEBIAN}|slim-(${DEBIAN})`),
  },
  {
    names: ['php'],
    versions: '5.3-6 7.0-4 8.0-4',
    named: ['latest', 'apache', 'fpm', 'cli', 'zts', 'alpine', 'fpm-alpine', 'cli-alpine', 'zts-alpine'],
    variants: v(`(apache|fpm|cli|zts)(-${ALPINE}|-(${DEBIAN}))?|${ALPINE}|${DEBIAN}`),
  },
  { names: ['registry.k8s.io/pause', 'k8s.gcr.io/pause', 'gcr.io/google_containers/pause'], versions: '0.8 1.0 2.0 3.0-10', named: ['latest'] },
  { names: ['registry.k8s.io/echoserver', 'k8s.gcr.io/echoserver', 'gcr.io/google_containers/echoserver'], versions: '1.0-10', named: ['latest'] },
  { names: ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'], versions: '1.0 2.0', named: ['latest'] },
  { names: ['registry.k8s.io/hpa-example', 'k8s.gcr.io/hpa-example', 'gcr.io/google_containers/hpa-example'], versions: '', named: ['latest'] },
  {
    names: ['gcr.io/google-samples/gb-frontend', 'gcr.io/google_samples/gb-frontend', 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend'],
    versions: '',
    named: ['v3', 'v4', 'v5', 'v6'],
  },
];

/** Registries that resolve (a host ending in one of these, or equal to it). */
const KNOWN_HOSTS = [
  'docker.io',
  'registry-1.docker.io',
  'index.docker.io',
  'registry.k8s.io',
  'k8s.gcr.io',
  'gcr.io',
  'pkg.dev',
  'ghcr.io',
  'quay.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
  'amazonaws.com',
  'azurecr.io',
  'registry.gitlab.com',
  'docker.elastic.co',
  'nvcr.io',
  'registry.access.redhat.com',
  'registry.redhat.io',
  'cgr.dev',
];

/** Tag data by fully qualified repository: `docker.io/library/nginx`. */
const byRepo = new Map<string, TagData>();
for (const t of TAGS) for (const n of t.names) byRepo.set(/^[^/]+\.[^/]+\//.test(n) ? n : `docker.io/${n.includes('/') ? n : `library/${n}`}`, t);

/** An image reference split as containerd resolves it: `nginx:1.27` → docker.io, library/nginx, 1.27. */
export interface ImageRef {
  host: string;
  path: string;
  tag: string;
  digest?: string;
  /** The fully qualified reference, as errors print it: `docker.io/library/nginx:1.27`. */
  full: string;
}

export function parseImageRef(image: string): ImageRef {
  const [noDigest, digest] = image.split('@');
  let rest = noDigest;
  let host = 'docker.io';
  const first = rest.split('/')[0];
  if (rest.includes('/') && /[.:]|^localhost$/.test(first)) {
    host = first;
    rest = rest.slice(first.length + 1);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : 'latest';
  let path = colon > slash ? rest.slice(0, colon) : rest;
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { host, path, tag, digest, full: `${host}/${path}${digest ? `@${digest}` : `:${tag}`}` };
}

/** Whether MAJOR[.MINOR] lies in one of the ranges `MAJ[-MAJ][.MIN[-MIN]]` (no minors given: any minor). */
function inRanges(spec: string, major: number, minor: number | undefined): boolean {
  for (const r of spec.split(' ')) {
    const m = /^(\d+)(?:-(\d+))?(?:\.(\d+)(?:-(\d+))?)?$/.exec(r);
    if (!m || major < Number(m[1]) || major > Number(m[2] ?? m[1])) continue;
    if (minor === undefined || m[3] === undefined || (minor >= Number(m[3]) && minor <= Number(m[4] ?? m[3]))) return true;
  }
  return false;
}

/** Whether `tag` exists for an image with `data`, by the rule at the top. */
export function tagExists(data: { versions: string; named: string[]; variants?: RegExp }, tag: string): boolean {
  const m = /^(v?\d+(?:\.\d+){0,2}(?:_\d+)?|[a-z][a-z0-9.]*?)(?:-(.+))?$/.exec(tag);
  const cands: [string, string | undefined][] = [[tag, undefined]];
  if (m) cands.push([m[1], m[2]]);
  // A named tag may itself contain `-` (`alpine-slim`): try every split point.
  for (let i = tag.indexOf('-'); i > 0; i = tag.indexOf('-', i + 1)) cands.push([tag.slice(0, i), tag.slice(i + 1)]);
  for (const [base, variant] of cands) {
    if (variant !== undefined && !data.variants?.test(variant)) continue;
    if (data.named.includes(base)) return true;
    const ver = /^(\d+)(?:\.(\d+)(?:\.(\d+)(?:_\d+)?)?)?$/.exec(base);
    if (ver && inRanges(data.versions, Number(ver[1]), ver[2] === undefined ? undefined : Number(ver[2]))) return true;
  }
  return false;
}

/**
 * Why pulling `image` fails, in containerd's words (the kubelet prints `Failed to pull image "X": ERR`),
 * or undefined when it pulls. `exists` is the `kube-dorm.dev/image-exists` annotation.
 */
export function imagePullError(image: string, exists?: string): string | undefined {
  const key = exists === undefined ? image : `${image}\u0000${exists}`;
  let v = pullErrors.get(key);
  if (v === undefined) {
    if (pullErrors.size > 10_000) pullErrors.clear();
    pullErrors.set(key, (v = computePullError(image, exists) ?? ''));
  }
  return v || undefined;
}

/** Answers by image (and annotation): the same few images are pulled by thousands of pods. */
const pullErrors = new Map<string, string>();

function computePullError(image: string, exists?: string): string | undefined {
  if (exists !== undefined && /^(true|yes|1)$/i.test(exists.trim())) return undefined;
  const ref = parseImageRef(image);
  const prefix = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  if (exists !== undefined && /^(false|no|0)$/i.test(exists.trim())) return `${prefix}: ${ref.full}: not found`;
  const host = ref.host.split(':')[0];
  const local = host === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(host);
  if (!local && !KNOWN_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) {
    return (
      `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ` +
      `failed to do request: Head "https://${ref.host}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${host}: no such host`
    );
  }
  if (ref.digest) return undefined;
  const data = byRepo.get(`${ref.host === 'index.docker.io' || ref.host === 'registry-1.docker.io' ? 'docker.io' : ref.host}/${ref.path}`);
  if (!data || tagExists(data, ref.tag)) return undefined;
  return `${prefix}: ${ref.full}: not found`;
}
