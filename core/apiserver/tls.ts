// A throw-away self-signed certificate for the loopback API server: kubectl (client-go) only sends
// a bearer token over TLS, so the simulated cluster serves HTTPS and the kubeconfig trusts exactly
// this certificate (certificate-authority-data). The caller passes the current date (core reads no clock).
import { generate } from 'selfsigned';

export interface ServingCert {
  key: string;
  cert: string;
}

export async function makeServingCert(now: Date, days = 30): Promise<ServingCert> {
  const pems = await generate([{ name: 'commonName', value: 'kube-dorm' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
