// port-name-invalid, port-number-invalid, resources-missing-limits/-requests, secret-in-plain-env,
// volume-mount-missing, probe-port-missing, env-duplicate, image-latest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { looksLikeSecretName, imageTag, portNameProblems } from '../../core/rules/containers';
import { GOOD_CONTAINER, deployment, find, lint, one, pod, y } from './rules-workload-helpers';

describe('port-name-invalid', () => {
  it("reports IANA_SVC_NAME violations of a container port name with Kubernetes' messages", () => {
    const text = pod(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports:
            - containerPort: 80
              name: HTTP_port
    `);
    one(
      lint(text, 'port-name-invalid'),
      'port-name-invalid',
      'error',
      find(text, 'HTTP_port'),
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      '只能包含小写字母、数字',
    );
    assert.deepEqual(portNameProblems('http-metrics-port'), ['port-name-invalid.too-long']);
    assert.deepEqual(portNameProblems('8080'), ['port-name-invalid.letter']);
    assert.deepEqual(portNameProblems('a--b'), ['port-name-invalid.hyphens']);
    assert.deepEqual(portNameProblems('-web'), ['port-name-invalid.edge']);
    assert.deepEqual(portNameProblems('web-8080'), []);
  });

  it('reports a port name used twice in one container on the second one, pointing at the first', () => {
    const text = pod(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports:
            - { containerPort: 80, name: http }
            - { containerPort: 8080, name: http }
        - name: side
          image: "envoy:1.30"
          ports:
            - { containerPort: 9000, name: http }
    `);
    const d = one(
      lint(text, 'port-name-invalid'),
      'port-name-invalid',
      'error',
      find(text, 'http', 1),
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
      '值重复',
    );
    assert.deepEqual(d.related?.[0].range, find(text, 'http', 0));
  });

  it('reports Service port names that are not DNS-1123 labels, duplicates, and missing names when there are several ports', () => {
    const text = y`
      apiVersion: v1
      kind: Service
      metadata: { name: s }
      spec:
        selector: { app: web }
        ports:
          - { name: Web, port: 80 }
          - { port: 443 }
          - { name: metrics, port: 9000 }
          - { name: metrics, port: 9001 }
    `;
    const ds = lint(text, 'port-name-invalid');
    assert.deepEqual(
      ds.map((d) => d.message.id),
      ['port-name-invalid.dns-label', 'port-name-invalid.required', 'port-name-invalid.duplicate'],
    );
    assert.deepEqual(ds[0].range, find(text, 'Web'));
    assert.deepEqual(ds[1].range, find(text, 'port', 0, '{ port: 443'));
    assert.ok(t(ds[1].message, 'en').startsWith('spec.ports[1].name: Required value'));
    assert.deepEqual(ds[2].range, find(text, 'metrics', 1));
  });

  it('checks a named targetPort and probe port as IANA names ("8080" as a string is a name, not a number)', () => {
    const text = y`
      apiVersion: v1
      kind: Service
      metadata: { name: s }
      spec:
        ports:
          - { port: 80, targetPort: "8080" }
    `;
    one(lint(text, 'port-name-invalid'), 'port-name-invalid', 'error', find(text, '"8080"'), 'must contain at least one letter (a-z)', '至少要包含一个字母');
  });

  it('accepts valid names, one unnamed Service port, and 15-character names', () => {
    assert.deepEqual(lint(deployment(GOOD_CONTAINER), 'port-name-invalid'), []);
    assert.deepEqual(
      lint('apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  ports: [{ port: 80, targetPort: http-metrics-p }]\n', 'port-name-invalid'),
      [],
    );
  });
});

describe('port-number-invalid', () => {
  it('reports containerPort, hostPort, Service port/targetPort and probe ports outside 1–65535', () => {
    const text = pod(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports:
            - { containerPort: 70000, hostPort: -1 }
          livenessProbe:
            tcpSocket: { port: 0 }
          readinessProbe:
            grpc: { port: 65536 }
    `);
    const ds = lint(text, 'port-number-invalid');
    assert.deepEqual(
      ds.map((d) => d.range),
      [find(text, '70000'), find(text, '-1'), find(text, '0 }'), find(text, '65536')].map((r, i) =>
        i === 2 ? { start: r.start, end: { line: r.end.line, character: r.start.character + 1 } } : r,
      ),
    );
    one(
      [ds[0]],
      'port-number-invalid',
      'error',
      find(text, '70000'),
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '必须在 1 到 65535 之间',
    );
    assert.equal(ds[0].data?.closest, 65535);
  });

  it('reports a Service port of 0 but allows targetPort 0 (unset) and hostPort 0', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  ports: [{ port: 0, targetPort: 0 }]\n';
    one(lint(text, 'port-number-invalid'), 'port-number-invalid', 'error', find(text, '0', 0, 'port: 0'), 'spec.ports[0].port: Invalid value: 0', '端口号');
    assert.deepEqual(lint(pod('containers:\n  - name: a\n    image: "b:1"\n    ports: [{ containerPort: 80, hostPort: 0 }]\n'), 'port-number-invalid'), []);
  });

  it('leaves strings and fractions to the schema rules', () => {
    assert.deepEqual(
      lint(pod('containers:\n  - name: a\n    image: "b:1"\n    ports: [{ containerPort: "80" }, { containerPort: 80.5 }]\n'), 'port-number-invalid'),
      [],
    );
  });
});

describe('resources-missing-limits / resources-missing-requests', () => {
  it("reports both on the container's name entry when resources is absent, saying which are missing", () => {
    const text = deployment('containers:\n  - name: web\n    image: "nginx:1.27"\n');
    const ds = lint(text);
    one(
      ds,
      'resources-missing-limits',
      'warning',
      find(text, 'name', 0, '- name: web'),
      'Container "web" sets no cpu and memory limit',
      '没有设置 cpu 和 memory 的 limit',
    );
    const r = one(
      ds,
      'resources-missing-requests',
      'warning',
      find(text, 'name', 0, '- name: web'),
      'sets no cpu and memory request',
      'cpu 和 memory 的 request',
    );
    assert.deepEqual(r.data?.missing, ['cpu', 'memory']);
  });

  it('reports only the missing one, on the limits/requests key', () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          resources:
            requests: { cpu: 100m }
            limits: { memory: 128Mi }
    `);
    const ds = lint(text);
    one(ds, 'resources-missing-limits', 'warning', find(text, 'limits'), 'sets no cpu limit', '没有设置 cpu 的 limit');
    // memory: the limit defaults the request, so only... nothing is missing for requests
    assert.equal(ds.filter((d) => d.code === 'resources-missing-requests').length, 0);
  });

  it('checks sidecars (init containers with restartPolicy: Always) but not plain init containers', () => {
    const text = deployment(y`
      initContainers:
        - name: migrate
          image: "migrate:1"
        - name: proxy
          image: "envoy:1.30"
          restartPolicy: Always
      ${GOOD_CONTAINER.split('\n').join('\n      ')}
    `);
    const ds = lint(text, 'resources-missing-limits');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].data?.container, 'proxy');
  });

  it('is silent for a container with both', () => {
    assert.deepEqual(
      lint(deployment(GOOD_CONTAINER)).filter((d) => d.code.startsWith('resources-missing')),
      [],
    );
  });
});

describe('secret-in-plain-env', () => {
  it('reports a literal value for a secret-looking name on the value, without repeating the value', () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          env:
            - name: DB_PASSWORD
              value: hunter2-s3cret
    `);
    const d = one(
      lint(text, 'secret-in-plain-env'),
      'secret-in-plain-env',
      'warning',
      find(text, 'hunter2-s3cret'),
      'environment variable "DB_PASSWORD" looks like a secret',
      '环境变量 "DB_PASSWORD" 看起来是机密信息',
    );
    assert.ok(!t(d.message, 'en').includes('hunter2') && !t(d.message, 'zh-cn').includes('hunter2'));
    assert.ok(!JSON.stringify(d.data).includes('hunter2'));
    assert.equal(d.data?.name, 'DB_PASSWORD');
  });

  it('recognizes common secret names and leaves pointers to secrets alone', () => {
    for (const n of [
      'PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'db_pass',
      'GITHUB_TOKEN',
      'apiKey',
      'API_KEY',
      'STRIPE_APIKEY',
      'AWS_SECRET_ACCESS_KEY',
      'PRIVATE_KEY',
      'GCP_CREDENTIALS',
      'clientSecret',
      'PASSWD',
    ]) {
      assert.ok(looksLikeSecretName(n), n);
    }
    for (const n of [
      'PASSWORD_FILE',
      'SECRET_NAME',
      'TOKEN_URL',
      'PWD',
      'PASSENGER_COUNT',
      'KEYCLOAK_HOST',
      'AWS_ACCESS_KEY_ID',
      'SECRET_PATH',
      'TOKEN_TTL',
      'USERNAME',
      'DB_HOST',
    ]) {
      assert.ok(!looksLikeSecretName(n), n);
    }
  });

  it('is silent for valueFrom, empty values and $(VAR) references', () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          env:
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
            - name: API_TOKEN
              value: ""
            - name: APP_TOKEN
              value: $(API_TOKEN)
    `);
    assert.deepEqual(lint(text, 'secret-in-plain-env'), []);
  });
});

describe('env-duplicate', () => {
  it("reports the second definition on its name, pointing at the first, with Kubernetes' warning text", () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: MODE, value: a }
            - { name: LOG_LEVEL, value: debug }
    `);
    const d = one(
      lint(text, 'env-duplicate'),
      'env-duplicate',
      'warning',
      find(text, 'LOG_LEVEL', 1),
      'spec.template.spec.containers[0].env[2]: hides previous definition of "LOG_LEVEL", which may be dropped when using apply',
      '覆盖了前面对 "LOG_LEVEL" 的定义',
    );
    assert.deepEqual(d.related?.[0].range, find(text, 'LOG_LEVEL', 0));
  });

  it('does not compare env across containers', () => {
    const text = pod(
      'containers:\n  - name: a\n    image: "b:1"\n    env: [{ name: X, value: "1" }]\n  - name: c\n    image: "d:1"\n    env: [{ name: X, value: "2" }]\n',
    );
    assert.deepEqual(lint(text, 'env-duplicate'), []);
  });
});

describe('volume-mount-missing', () => {
  it('reports a mount whose name matches no volume, on the name, with the closest volume', () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          volumeMounts:
            - { name: dta, mountPath: /data }
      volumes:
        - name: data
          emptyDir: {}
    `);
    const d = one(
      lint(text, 'volume-mount-missing'),
      'volume-mount-missing',
      'error',
      find(text, 'dta'),
      'volumeMounts[0].name: Not found: "dta"',
      '找不到（Not found）"dta"',
    );
    assert.equal(d.data?.closest, 'data');
    assert.ok(t(d.message, 'en').includes('did you mean "data"?'));
  });

  it("counts a StatefulSet's volumeClaimTemplates as volumes", () => {
    const text = y`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        serviceName: db
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec:
            containers:
              - name: db
                image: "postgres:16"
                volumeMounts: [{ name: pgdata, mountPath: /var/lib/postgresql }]
        volumeClaimTemplates:
          - metadata: { name: pgdata }
            spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
    `;
    assert.deepEqual(lint(text, 'volume-mount-missing'), []);
    const bad = text.replace('name: pgdata }', 'name: other }');
    assert.equal(lint(bad, 'volume-mount-missing').length, 1);
  });

  it('checks init containers and volumeDevices too', () => {
    const text = pod(
      'initContainers:\n  - name: i\n    image: "b:1"\n    volumeMounts: [{ name: cfg, mountPath: /c }]\ncontainers:\n  - name: a\n    image: "b:1"\n    volumeDevices: [{ name: disk, devicePath: /dev/x }]\n',
    );
    assert.equal(lint(text, 'volume-mount-missing').length, 2);
  });
});

describe('probe-port-missing', () => {
  it('reports a probe port name the container does not declare, on the port value', () => {
    const text = deployment(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports: [{ containerPort: 8080, name: web-http }]
          readinessProbe:
            httpGet: { path: /healthz, port: http }
    `);
    const d = one(
      lint(text, 'probe-port-missing'),
      'probe-port-missing',
      'warning',
      find(text, 'http', 1, 'httpGet'),
      'the readinessProbe uses the port name "http", but container "web" declares no port with that name',
      '没有声明这个名字的端口',
    );
    assert.deepEqual(d.data?.ports, ['web-http']);
  });

  it("does not look at other containers' ports, and accepts declared names and numbers", () => {
    const text = pod(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports: [{ containerPort: 80, name: http }]
          livenessProbe: { httpGet: { port: http } }
          startupProbe: { tcpSocket: { port: 80 } }
        - name: side
          image: "envoy:1.30"
          livenessProbe: { tcpSocket: { port: http } }
    `);
    const ds = lint(text, 'probe-port-missing');
    assert.equal(ds.length, 1);
    assert.ok(t(ds[0].message, 'en').includes('container "side"'));
  });
});

describe('image-latest', () => {
  it('reports :latest and untagged images as info, on the image', () => {
    const text = pod('containers:\n  - name: a\n    image: nginx:latest\n  - name: b\n    image: registry.local:5000/team/app\n');
    const ds = lint(text, 'image-latest');
    assert.equal(ds.length, 2);
    one([ds[0]], 'image-latest', 'info', find(text, 'nginx:latest'), 'uses the "latest" tag', '使用了 "latest" 标签');
    one(
      [ds[1]],
      'image-latest',
      'info',
      find(text, 'registry.local:5000/team/app'),
      'has no tag, so Kubernetes pulls "registry.local:5000/team/app:latest"',
      '没有标签',
    );
  });

  it('accepts version tags, digests and registry ports', () => {
    assert.equal(imageTag('registry.local:5000/app'), '');
    assert.equal(imageTag('registry.local:5000/app:1.2'), '1.2');
    assert.equal(imageTag('nginx@sha256:0123abcd'), undefined);
    const text = pod(
      'containers:\n  - name: a\n    image: nginx:1.27\n  - name: b\n    image: nginx@sha256:8f6d1e2c\n  - name: c\n    image: localhost:5000/app:v2\n',
    );
    assert.deepEqual(lint(text, 'image-latest'), []);
  });
});

describe('container rules: robustness', () => {
  it('never throws on odd container shapes', () => {
    for (const spec of [
      'containers: null',
      'containers: [null, 3, "x", { name: 5, image: 7, ports: "p", env: { a: 1 }, resources: [1], volumeMounts: [null] }]',
      'containers: [{ name: a, ports: [null, { name: 1, containerPort: "x" }], env: [null, { name: null }], resources: { limits: null, requests: [] } }]\nvolumes: { a: 1 }',
      'containers: [{ name: a, livenessProbe: { httpGet: null, tcpSocket: { port: null } }, lifecycle: { preStop: { httpGet: { port: "Bad_Name" } } } }]',
    ])
      lint(pod(spec));
    const ds = lint(pod('containers: [{ name: a, image: "b:1", lifecycle: { preStop: { httpGet: { port: "Bad_Name" } } } }]'), 'port-name-invalid');
    assert.ok(ds.length >= 1);
  });
});
