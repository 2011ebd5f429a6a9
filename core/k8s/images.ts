// Container image references: their grammar (the one the kubelet parses with
// github.com/distribution/reference before it pulls; a reference that does not parse leaves the
// container Waiting with reason InvalidImageName), their bare name, and the ports the well-known
// images listen on. The simulator's image profiles (core/cluster/profiles.ts) and the linter
// (service-target-not-listening) read these facts from here, so the two agree.

// distribution/reference regexp.go, written out.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_TOTAL_MAX = 255;

/**
 * Why an image reference does not parse, in distribution/reference's words ("invalid reference
 * format", "repository name must be lowercase", ...), or undefined when it parses.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image === '') return 'repository name must have at least one component';
  const m = REFERENCE_RE.exec(image);
  if (!m) {
    // The library reports upper case in the path separately when the lower-cased reference parses.
    if (REFERENCE_RE.test(image.toLowerCase())) return 'invalid reference format: repository name must be lowercase';
    return 'invalid reference format';
  }
  if (m[1].length > NAME_TOTAL_MAX) return `repository name must not be more than ${NAME_TOTAL_MAX} characters`;
  return undefined;
}

/** Strips registry, tag and digest: "registry.k8s.io/nginx:1.25@sha256:..." → "nginx". */
export function imageName(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  const parts = s.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/');
}

/** What the well-known images listen on when run as the image intends. */
export interface ImagePorts {
  match: RegExp;
  /** Ports the server listens on ([] for shell images, which run whatever command they are given). */
  listens: number[];
  /** A shell image: what it listens on depends on its command. */
  shell?: boolean;
}

/** Image name (imageName()) → ports. First match wins; the simulator's profiles agree (test/unit/image-ports.test.ts). */
export const IMAGE_PORTS: readonly ImagePorts[] = [
  { match: /^(library\/)?nginx$|nginx-unprivileged$|^nginxinc\//, listens: [80] },
  { match: /^(library\/)?httpd$/, listens: [80] },
  { match: /^(library\/)?caddy$/, listens: [80, 443] },
  { match: /^(library\/)?(mysql|percona|mariadb)$/, listens: [3306] },
  { match: /^(library\/)?postgres$/, listens: [5432] },
  { match: /^(library\/)?redis$|redis$/, listens: [6379] },
  { match: /^(library\/)?memcached$/, listens: [11211] },
  { match: /^(library\/)?mongo$/, listens: [27017] },
  { match: /^(library\/)?rabbitmq$/, listens: [5672, 15672] },
  { match: /^(library\/)?wordpress$/, listens: [80] },
  { match: /^(library\/)?(busybox|alpine|ubuntu|debian|centos|fedora|bash|perl)$/, listens: [], shell: true },
  { match: /(^|\/)pause$/, listens: [] },
  { match: /(^|\/)echoserver$/, listens: [8080] },
  { match: /(^|\/)hello-app$/, listens: [8080] },
  { match: /(^|\/)(hpa-example|php-apache)$/, listens: [80] },
  { match: /(^|\/)(guestbook|gb-frontend)$/, listens: [80] },
];

/**
 * The port facts of a Docker Hub official image (`nginx`, `docker.io/library/redis`), the only ones
 * whose ports are certain enough to warn on: an image of the same name from another registry or
 * namespace (registry.k8s.io/redis, someone/nginx) may be built to serve elsewhere.
 */
export function officialImagePorts(image: string): ImagePorts | undefined {
  const first = image.split('/')[0];
  const hasRegistry = image.includes('/') && /[.:]|^localhost$/.test(first);
  if (hasRegistry && first !== 'docker.io') return undefined;
  const name = imageName(image).replace(/^library\//, '');
  return name.includes('/') ? undefined : imagePorts(name);
}

/** The port facts of an image, or undefined for an image this table does not know. */
export function imagePorts(image: string): ImagePorts | undefined {
  const name = imageName(image);
  return IMAGE_PORTS.find((p) => p.match.test(name));
}
