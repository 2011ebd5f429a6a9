// False warnings seen on real-world manifests (issue 15), and the pod-level checks added with them:
// flags are not secrets, pod-level resources count, a placeholder image is not ":latest",
// and two containers of one pod cannot share a port.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { imageReferenceProblem } from '../../core/k8s/images';
import { isFlagValue } from '../../core/rules/containers';
import { deployment, find, lint, one, pod, y } from './rules-workload-helpers';

describe('secret-in-plain-env on flags', () => {
  it('does not report on/off switches whose names mention a password', () => {
    const text = pod(y`
      containers:
        - name: db
          image: "mysql:8.4"
          env:
            - { name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "1" }
            - { name: MYSQL_RANDOM_ROOT_PASSWORD, value: "yes" }
            - { name: REQUIRE_PASSWORD, value: "true" }
            - { name: MYSQL_ROOT_PASSWORD, value: "s3cr3t-pw" }
    `);
    one(lint(text, 'secret-in-plain-env'), 'secret-in-plain-env', 'warning', find(text, '"s3cr3t-pw"'), 'MYSQL_ROOT_PASSWORD', '明文');
    assert.ok(isFlagValue('YES') && isFlagValue('0') && isFlagValue(true) && !isFlagValue('hunter2'));
  });
});

describe('resources-missing-* with pod-level resources', () => {
  it('does not report a container in a pod whose spec.resources sets cpu and memory', () => {
    const text = pod(y`
      resources:
        limits: { cpu: "1", memory: 512Mi }
      containers:
        - name: app
          image: "nginx:1.27"
    `);
    assert.deepEqual(lint(text, 'resources-missing-limits'), []);
    assert.deepEqual(lint(text, 'resources-missing-requests'), []);
  });

  it('still reports the resource the pod level leaves out', () => {
    const text = deployment(
      y`
      resources:
        requests: { cpu: 500m }
      containers:
        - name: app
          image: "nginx:1.27"
    `,
    );
    // No resources key: reported on the container's first key.
    const d = one(
      lint(text, 'resources-missing-requests'),
      'resources-missing-requests',
      'warning',
      find(text, 'name', 0, '- name: app'),
      'memory request',
      'memory',
    );
    assert.deepEqual((d.data as { missing: string[] }).missing, ['memory']);
    assert.equal(lint(text, 'resources-missing-limits').length, 1);
  });
});

describe('image-reference-invalid', () => {
  it('reports a placeholder as not a valid image reference, not as ":latest"', () => {
    const text = pod(y`
      containers:
        - name: app
          image: <your-private-image>
          resources: { limits: { cpu: 100m, memory: 64Mi } }
    `);
    one(
      lint(text, 'image-reference-invalid'),
      'image-reference-invalid',
      'warning',
      find(text, '<your-private-image>'),
      'InvalidImageName',
      '不是合法的镜像引用',
    );
    assert.deepEqual(lint(text, 'image-latest'), []);
  });

  it('accepts real references of every shape', () => {
    for (const ok of [
      'nginx',
      'nginx:1.27',
      'registry.k8s.io/pause:3.9',
      'localhost:5000/a/b-c__d:v1',
      'ghcr.io/o/r@sha256:' + 'a'.repeat(64),
      '[::1]:5000/x:1',
    ])
      assert.equal(imageReferenceProblem(ok), undefined, ok);
    assert.equal(imageReferenceProblem('BUSYBOX'), 'invalid reference format: repository name must be lowercase');
    assert.equal(imageReferenceProblem('nginx:'), 'invalid reference format');
    assert.equal(imageReferenceProblem('<your-image>'), 'invalid reference format');
  });
});

describe('container-port-conflict', () => {
  it('reports the second container that declares a port/protocol another container of the pod declares', () => {
    const text = pod(y`
      containers:
        - name: web
          image: "nginx:1.27"
          ports: [{ containerPort: 8080 }]
        - name: proxy
          image: "envoy:1.30"
          ports: [{ containerPort: 9000 }, { containerPort: 8080, protocol: TCP }]
    `);
    const d = one(
      lint(text, 'container-port-conflict'),
      'container-port-conflict',
      'error',
      find(text, '8080', 1),
      'containers "proxy" and "web" both listen on port 8080/TCP',
      '都监听端口 8080/TCP',
    );
    assert.deepEqual(d.related?.[0].range, find(text, '8080', 0));
  });

  it('does not report other protocols, plain init containers, or different ports', () => {
    const text = pod(y`
      initContainers:
        - { name: init, image: "busybox:1.36", ports: [{ containerPort: 8080 }] }
      containers:
        - { name: dns, image: "coredns:1.11", ports: [{ containerPort: 53, protocol: UDP }] }
        - { name: dns-tcp, image: "coredns:1.11", ports: [{ containerPort: 53, protocol: TCP }] }
        - { name: web, image: "nginx:1.27", ports: [{ containerPort: 8080 }] }
    `);
    assert.deepEqual(lint(text, 'container-port-conflict'), []);
  });
});
