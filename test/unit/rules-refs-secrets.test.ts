// Secrets and ConfigMaps referenced from pods, across files and namespaces; base64 in Secret data.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { base64ErrorOffset } from '../../core/k8s/base64';
import { Ws, y, expectOne, rangeOfText, en, zh } from './rules-refs-helpers';

const secret = (name: string, body: string, ns = '') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}${body}\n`;

const pod = (spec: string, ns = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app${ns ? `\n  namespace: ${ns}` : ''}\nspec:\n${spec}`;

const envPod = pod(
  y`
  containers:
    - name: app
      image: app:1
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db-creds
              key: password
`.replace(/^/gm, '  '),
);

describe('secret-ref-missing', () => {
  test('env secretKeyRef to a Secret that is nowhere in the workspace: warning on the name value', () => {
    const w = new Ws({ 'file:///pod.yaml': envPod });
    const d = expectOne(w.lint('file:///pod.yaml'), 'secret-ref-missing', envPod, 'db-creds', 'warning');
    assert.match(en(d), /^secret "db-creds" not found/);
    assert.match(en(d), /CreateContainerConfigError/);
    assert.match(zh(d), /命名空间 "default" 里没有名为 "db-creds" 的 Secret/);
    assert.deepEqual(d.data, { kind: 'Secret', name: 'db-creds', namespace: 'default', keys: ['password'], suggestion: undefined });
    // No key diagnostic on top of the missing Secret.
    assert.deepEqual(w.codes(), ['secret-ref-missing']);
  });

  test('the Secret in another file, defined before or after, in the same namespace resolves it', () => {
    const s = secret('db-creds', 'stringData:\n  password: hunter2');
    assert.deepEqual(new Ws({ 'file:///a.yaml': s, 'file:///b.yaml': envPod }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///b.yaml': envPod, 'file:///a.yaml': s }).codes(), []);
    assert.deepEqual(new Ws({ 'file:///ab.yaml': `${envPod}---\n${s}` }).codes(), []);
  });

  test('a Secret of the same name in another namespace does not count, and is pointed at', () => {
    const w = new Ws({ 'file:///a.yaml': secret('db-creds', 'data: {password: aHVudGVyMg==}', 'prod'), 'file:///b.yaml': envPod });
    const d = w.only('secret-ref-missing', 'file:///b.yaml');
    assert.equal(d.length, 1);
    assert.match(t(d[0].related![0].message, 'en'), /Secret "db-creds" exists, but in namespace "prod"/);
    // And the pod in prod resolves it.
    const prodPod = envPod.replace('name: app\n', 'name: app\n  namespace: prod\n');
    assert.deepEqual(new Ws({ 'file:///a.yaml': secret('db-creds', 'data: {password: aHVudGVyMg==}', 'prod'), 'file:///b.yaml': prodPod }).codes(), []);
  });

  test('a near-miss name is suggested', () => {
    const w = new Ws({ 'file:///a.yaml': secret('db-cred', 'data: {password: aHVudGVyMg==}'), 'file:///b.yaml': envPod });
    const d = w.only('secret-ref-missing')[0];
    assert.equal(d.data?.suggestion, 'db-cred');
    assert.match(t(d.related![0].message, 'en'), /Did you mean Secret "db-cred"\?/);
    assert.match(t(d.related![0].message, 'zh-cn'), /你是不是想写 Secret "db-cred"/);
  });

  test('optional: true references are skipped', () => {
    const text = envPod.replace('key: password', 'key: password\n                optional: true');
    assert.deepEqual(new Ws({ 'file:///p.yaml': text }).codes(), []);
  });

  test('envFrom, secret volumes, projected sources and imagePullSecrets are all references', () => {
    const text = pod(
      y`
      imagePullSecrets:
        - name: regcred
      containers:
        - name: app
          image: app:1
          envFrom:
            - secretRef:
                name: app-env
      volumes:
        - name: certs
          secret:
            secretName: tls-certs
        - name: both
          projected:
            sources:
              - secret:
                  name: projected-secret
    `.replace(/^/gm, '  '),
    );
    const d = new Ws({ 'file:///p.yaml': text }).lint('file:///p.yaml');
    assert.deepEqual(
      d.map((x) => [x.code, x.range]),
      [
        ['secret-ref-missing', rangeOfText(text, 'regcred')],
        ['secret-ref-missing', rangeOfText(text, 'app-env')],
        ['secret-ref-missing', rangeOfText(text, 'tls-certs')],
        ['secret-ref-missing', rangeOfText(text, 'projected-secret')],
      ],
    );
    assert.match(en(d[0]), /Unable to retrieve some image pull secrets/);
    assert.equal(d[0].data?.secretType, 'kubernetes.io/dockerconfigjson');
    assert.match(en(d[2]), /ContainerCreating/);
  });

  test('workload templates are checked too (Deployment, CronJob)', () => {
    const text = y`
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: backup}
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers:
                  - name: c
                    image: busybox:1.36
                    envFrom: [{secretRef: {name: s3-creds}}]
    `;
    const d = expectOne(new Ws({ 'file:///c.yaml': text }).lint('file:///c.yaml'), 'secret-ref-missing', text, 's3-creds', 'warning');
    assert.equal(d.data?.name, 's3-creds');
  });

  test('Secrets made by SealedSecret / ExternalSecret / cert-manager Certificate count as present', () => {
    const sealed = y`
      apiVersion: bitnami.com/v1alpha1
      kind: SealedSecret
      metadata: {name: db-creds}
      spec:
        encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA==}
    `;
    assert.deepEqual(new Ws({ 'file:///s.yaml': sealed, 'file:///p.yaml': envPod }).codes(), []);
    const ext = y`
      apiVersion: external-secrets.io/v1beta1
      kind: ExternalSecret
      metadata: {name: ext}
      spec:
        target: {name: db-creds}
    `;
    assert.deepEqual(new Ws({ 'file:///s.yaml': ext, 'file:///p.yaml': envPod }).codes(), []);
  });
});

describe('secret-key-missing', () => {
  test('a key in neither data nor stringData: warning on the key value, related info to the Secret', () => {
    const s = secret('db-creds', 'data:\n  user: YWRtaW4=\nstringData:\n  passwd: x');
    const w = new Ws({ 'file:///s.yaml': s, 'file:///p.yaml': envPod });
    const d = expectOne(w.lint('file:///p.yaml'), 'secret-key-missing', envPod, 'password', 'warning');
    assert.equal(en(d).split(':')[0], "couldn't find key password in Secret default/db-creds");
    assert.match(en(d), /The Secret has the keys: user, passwd/);
    assert.match(zh(d), /在 Secret default\/db-creds 中找不到键 password/);
    assert.equal(d.related?.[0].uri, 'file:///s.yaml');
    assert.deepEqual(d.related?.[0].range, rangeOfText(s, 'db-creds'));
    assert.deepEqual(d.data?.missingKeys, ['password']);
    assert.equal(d.data?.suggestion, 'passwd');
    // Never a value: not "YWRtaW4=" nor "x".
    assert.doesNotMatch(JSON.stringify([en(d), zh(d), d.data, d.related.map((r) => t(r.message, 'en'))]), /YWRtaW4=|"x"/);
  });

  test('keys from data and from stringData both count', () => {
    for (const body of ['data: {password: aHVudGVyMg==}', 'stringData: {password: hunter2}', 'data: {password: null}']) {
      assert.deepEqual(new Ws({ 'file:///s.yaml': secret('db-creds', body), 'file:///p.yaml': envPod }).codes(), [], body);
    }
  });

  test('volume items keys are checked with the kubelet volume wording', () => {
    const text = pod(
      y`
      containers: [{name: app, image: app:1}]
      volumes:
        - name: certs
          secret:
            secretName: tls
            items:
              - key: tls.crt
                path: cert.pem
              - key: tls.kye
                path: key.pem
    `.replace(/^/gm, '  '),
    );
    const s = secret('tls', 'type: kubernetes.io/tls\ndata: {tls.crt: Y2VydA==, tls.key: a2V5}');
    const d = expectOne(new Ws({ 'file:///s.yaml': s, 'file:///p.yaml': text }).lint('file:///p.yaml'), 'secret-key-missing', text, 'tls.kye', 'warning');
    assert.match(en(d), /^references non-existent secret key: tls\.kye/);
    assert.equal(d.data?.suggestion, 'tls.key');
  });

  test('service-account-token Secrets get their keys from a controller: not judged', () => {
    const s = secret('db-creds', 'type: kubernetes.io/service-account-token');
    assert.deepEqual(new Ws({ 'file:///s.yaml': s, 'file:///p.yaml': envPod }).codes(), []);
  });

  test('the verdict follows edits of the Secret file', () => {
    const w = new Ws({ 'file:///s.yaml': secret('db-creds', 'stringData: {pass: x}'), 'file:///p.yaml': envPod });
    assert.deepEqual(w.codes('file:///p.yaml'), ['secret-key-missing']);
    w.set('file:///s.yaml', secret('db-creds', 'stringData: {password: x}'));
    assert.deepEqual(w.codes('file:///p.yaml'), []);
    w.set('file:///s.yaml', secret('db-creds-renamed', 'stringData: {password: x}'));
    assert.deepEqual(w.codes('file:///p.yaml'), ['secret-ref-missing']);
  });
});

describe('configmap-ref-missing / configmap-key-missing', () => {
  const cm = (name: string, body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${body}\n`;
  const cmPod = pod(
    y`
    containers:
      - name: student
        image: busybox:1.36
        env:
          - name: QUIET_HOURS
            valueFrom:
              configMapKeyRef:
                name: notice-bored
                key: QUIET_HOURS
        envFrom:
          - configMapRef:
              name: notice-board
    volumes:
      - name: cfg
        configMap:
          name: notice-board
          items: [{key: rules.txt, path: rules.txt}]
      - name: proj
        projected:
          sources:
            - configMap:
                name: notice-board
                items: [{key: logo.png, path: logo.png}]
  `.replace(/^/gm, '  '),
  );

  test('a missing ConfigMap is a warning on the name, with a did-you-mean; missing keys on the key', () => {
    const board = cm('notice-board', 'data:\n  rules.txt: be quiet\nbinaryData:\n  logo.png: iVBORw0KGgo=');
    const w = new Ws({ 'file:///cm.yaml': board, 'file:///pod.yaml': cmPod });
    const d = w.lint('file:///pod.yaml');
    const miss = expectOne(d, 'configmap-ref-missing', cmPod, 'notice-bored', 'warning');
    assert.match(en(miss), /^configmap "notice-bored" not found/);
    assert.match(zh(miss), /没有名为 "notice-bored" 的 ConfigMap/);
    assert.equal(miss.data?.suggestion, 'notice-board');
    assert.deepEqual(miss.data?.keys, ['QUIET_HOURS']);
    // data and binaryData keys both resolve the volume items.
    assert.deepEqual(
      d.filter((x) => x.code === 'configmap-key-missing'),
      [],
    );
  });

  test('missing keys in configMap volumes and projected sources', () => {
    const board = cm('notice-board', 'data:\n  other: x');
    const w = new Ws({ 'file:///cm.yaml': board, 'file:///pod.yaml': cmPod.replace('notice-bored', 'notice-board') });
    const text = cmPod.replace('notice-bored', 'notice-board');
    const d = w.only('configmap-key-missing', 'file:///pod.yaml');
    assert.deepEqual(
      d.map((x) => x.range),
      [rangeOfText(text, 'QUIET_HOURS', 1), rangeOfText(text, 'rules.txt'), rangeOfText(text, 'logo.png')],
    );
    assert.equal(en(d[0]).split(':')[0], "couldn't find key QUIET_HOURS in ConfigMap default/notice-board");
    assert.match(en(d[1]), /^configmap references non-existent config key: rules\.txt/);
    assert.match(zh(d[1]), /ConfigMap default\/notice-board 中没有键 rules\.txt/);
    assert.deepEqual(d[1].data?.availableKeys, ['other']);
  });

  test('optional ConfigMap volumes are skipped', () => {
    const text = pod(
      y`
      containers: [{name: a, image: a:1}]
      volumes:
        - name: cfg
          configMap: {name: maybe, optional: true}
    `.replace(/^/gm, '  '),
    );
    assert.deepEqual(new Ws({ 'file:///p.yaml': text }).codes(), []);
  });
});

describe('secret-data-not-base64', () => {
  test('a plain-text data value is an error on the value, and the value is never echoed', () => {
    const s = secret('luxury-secrets', 'type: Opaque\ndata:\n  admin-user: admin!\n  ok: YWRtaW4=');
    const d = expectOne(new Ws({ 'file:///s.yaml': s }).lint('file:///s.yaml'), 'secret-data-not-base64', s, 'admin!', 'error');
    assert.match(en(d), /data\["admin-user"\] is not valid base64/);
    assert.match(en(d), /illegal base64 data at input byte 5/);
    assert.match(en(d), /base64 is an encoding, not encryption/);
    assert.match(en(d), /stringData/);
    assert.match(zh(d), /base64 只是编码，不是加密/);
    assert.match(zh(d), /stringData/);
    const all = JSON.stringify([en(d), zh(d), d.data]);
    assert.doesNotMatch(all, /admin!/);
    assert.deepEqual(d.data, { name: 'luxury-secrets', namespace: 'default', key: 'admin-user', offset: 5 });
  });

  test('valid base64 (padded, wrapped over lines, empty) and stringData plain text pass', () => {
    const s = secret('ok', 'data:\n  a: aHVudGVyMg==\n  b: ""\n  c: |\n    aGVsbG8gd29y\n    bGQ=\n  d: null\nstringData:\n  e: plain text!');
    assert.deepEqual(new Ws({ 'file:///s.yaml': s }).codes(), []);
  });

  test('Go decoder offsets, as the API server reports them', () => {
    assert.equal(base64ErrorOffset('aHVudGVyMg=='), undefined);
    assert.equal(base64ErrorOffset('YWJjZA'), 4); // missing padding
    assert.equal(base64ErrorOffset('YW Jj'), 2); // space
    assert.equal(base64ErrorOffset('YWJj\nZA==\n'), undefined); // newlines skipped
    assert.equal(base64ErrorOffset('YQ==YQ=='), 4); // data after padding
    assert.equal(base64ErrorOffset('Y==='), 1);
    assert.equal(base64ErrorOffset('密码'), 0);
    assert.equal(base64ErrorOffset(''), undefined);
  });

  test('only core Secrets are checked (not a CRD that happens to be called Secret)', () => {
    const crd = 'apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: x}\ndata: {a: not base64!}\n';
    assert.deepEqual(new Ws({ 'file:///s.yaml': crd }).codes(), []);
  });
});

test('odd values in pod references never throw', () => {
  const odd = [
    'containers: [{name: a, env: [null, {valueFrom: null}, {valueFrom: {secretKeyRef: [1]}}, {valueFrom: {secretKeyRef: {name: 5, key: {}}}}]}]',
    'containers: {a: 1}\n  volumes: {x: 1}\n  imagePullSecrets: "regcred"',
    'containers: [{name: a, envFrom: [1, null, {secretRef: null}, {configMapRef: {name: ""}}]}]\n  volumes: [null, {secret: {items: {a: 1}}}, {projected: {sources: [null, {secret: []}]}}]',
    'volumes: [{configMap: {name: "名字🐱", items: [null, {key: 7}]}}]',
  ];
  for (const o of odd) {
    const w = new Ws({ 'file:///x.yaml': pod(`  ${o}\n`), 'file:///s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: [1, 2]\n' });
    w.lintAll();
  }
});
