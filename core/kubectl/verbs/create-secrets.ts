// `kubectl create secret tls|docker-registry` (pkg/cmd/create/create_secret_tls.go,
// create_secret_docker.go): a safe (Secret) holding a certificate and its key, or a registry
// login as a ~/.docker/config.json. The values are stored base64-encoded and printed only where
// kubectl prints them (`--dry-run=client -o yaml`); `created` and errors never show them.
import { newMeta, type KObject } from '../../cluster/store';
import { fail, flag, type CommandResult } from '../args';
import type { VerbContext } from '../verb';
import { createObject, oneName } from './generate';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** The types of the PEM blocks in a text, in order. */
const pemTypes = (text: string): string[] => [...text.matchAll(/^-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?^-----END \1-----/gm)].map((m) => m[1]);

/**
 * crypto/tls X509KeyPair's answer to PEM inputs it cannot use, in its words (the built-in checks
 * the PEM blocks; that the key belongs to the certificate it cannot check).
 */
export function keyPairError(cert: string, key: string): string | undefined {
  const certTypes = pemTypes(cert);
  if (!certTypes.includes('CERTIFICATE')) {
    if (!certTypes.length) return 'tls: failed to find any PEM data in certificate input';
    if (certTypes.some((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY')))
      return 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched';
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certTypes.join(' ')}]`;
  }
  const keyTypes = pemTypes(key);
  if (!keyTypes.some((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'))) {
    if (!keyTypes.length) return 'tls: failed to find any PEM data in key input';
    if (keyTypes.includes('CERTIFICATE')) return 'tls: found a certificate rather than a key in the PEM for the private key';
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyTypes.join(' ')}]`;
  }
  return undefined;
}

/** A file's text, or kubectl's error for a file it cannot read. */
function readNamed(cx: VerbContext, file: string): string | CommandResult {
  if (!cx.env.readFile) return fail('error: reading files is not available here');
  try {
    return cx.env.readFile(file);
  } catch (e) {
    const why = (e as { code?: string }).code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message);
    return fail(`error: Cannot read file ${file}, open ${file}: ${why}`);
  }
}

function secret(cx: VerbContext, name: string, type: string, data: Record<string, string>): CommandResult {
  const o: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: newMeta({ name, namespace: cx.ns }), data, type };
  return createObject(cx, o, { failedTo: 'secret' });
}

/** `create secret tls NAME --cert=FILE --key=FILE`. */
export function createSecretTls(cx: VerbContext): CommandResult {
  const words = cx.a.pos.slice(2);
  if (words.length !== 1) return oneName('create secret tls', words.length);
  const certFile = flag(cx.a, 'cert');
  const keyFile = flag(cx.a, 'key');
  if (!certFile || !keyFile) return fail('error: key and cert must be specified');
  const cert = readNamed(cx, certFile);
  if (typeof cert !== 'string') return cert;
  const key = readNamed(cx, keyFile);
  if (typeof key !== 'string') return key;
  const bad = keyPairError(cert, key);
  if (bad) return fail(`error: ${bad}`);
  return secret(cx, words[0], 'kubernetes.io/tls', { 'tls.crt': b64(cert), 'tls.key': b64(key) });
}

/** `create secret docker-registry NAME --docker-username=U --docker-password=P [--docker-email=E] [--docker-server=S]`. */
export function createSecretDockerRegistry(cx: VerbContext): CommandResult {
  const words = cx.a.pos.slice(2);
  if (words.length !== 1) return oneName('create secret docker-registry', words.length);
  const username = flag(cx.a, 'docker-username') ?? '';
  const password = flag(cx.a, 'docker-password') ?? '';
  const email = flag(cx.a, 'docker-email') ?? '';
  const server = flag(cx.a, 'docker-server') ?? 'https://index.docker.io/v1/';
  if (!username || !password || !server)
    return fail('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  // Go's json.Marshal of DockerConfigJSON: fields in declaration order, empty ones omitted.
  const entry = { username, password, ...(email ? { email } : {}), auth: b64(`${username}:${password}`) };
  return secret(cx, words[0], 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64(JSON.stringify({ auths: { [server]: entry } })) });
}
