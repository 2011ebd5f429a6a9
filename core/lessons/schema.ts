// The lesson format as JSON Schema (draft-07), one home for it: the language server completes lesson
// files from it, `schemas/lesson.schema.json` and `schemas/lesson-text.schema.json` are written from
// it (scripts/write-lesson-schemas.ts; a test keeps them equal), and package.json's yamlValidation
// hands them to any YAML extension. The check and action names come from types.ts, so the schema
// cannot drift from what the engine runs; validate.ts remains the full check (cross-file rules).
import { ACTION_TYPES, CHECK_TYPES } from './types';

type Schema = Record<string, unknown>;

const str = (description: string): Schema => ({ type: 'string', description });
const int = (description: string): Schema => ({ type: 'integer', description });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const obj = (description: string, properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  description,
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});
const ns = str('Namespace (default: default).');

/** The body of each check (`{ pods: {...} }` etc.). */
const CHECKS: Record<(typeof CHECK_TYPES)[number], Schema> = {
  pods: obj(
    'Pods owned by a controller, by their kubectl STATUS, readiness, image and count.',
    {
      owner: str('Kind/name of the controller or any owner above it (Deployment/web, StatefulSet/db, CronJob/x).'),
      status: str('kubectl STATUS column: Running, CrashLoopBackOff, Pending, Completed, OOMKilled, ...'),
      lastReason: str('Last termination reason of some container (e.g. OOMKilled).'),
      ready: bool('Every matching pod is ready (true) or not (false).'),
      count: int('Exactly this many matching pods.'),
      min: int('At least this many matching pods (default 1).'),
      namespace: ns,
      image: str('Every matching pod runs this image (first container).'),
    },
    ['owner'],
  ),
  object: obj(
    "A live object's field.",
    {
      kind: str('Kind of the object.'),
      name: str('Name of the object.'),
      namespace: ns,
      path: str('Dotted path in the object (spec.replicas, status.loadBalancer.ingress).'),
      equals: { description: 'The value at path equals this.' },
      exists: bool('The path (or the object, without a path) exists (true) or is absent (false).'),
    },
    ['kind', 'name'],
  ),
  replicaSets: obj(
    "A Deployment's ReplicaSets.",
    {
      deployment: str('Name of the Deployment.'),
      revision: int('A ReplicaSet with this revision exists.'),
      min: int('At least this many ReplicaSets.'),
      namespace: ns,
    },
    ['deployment'],
  ),
  endpoints: obj(
    "A Service's ready endpoints.",
    { service: str('Name of the Service.'), ready: int('Exactly this many ready addresses.'), min: int('At least this many.'), namespace: ns },
    ['service'],
  ),
  event: obj(
    'An event was recorded.',
    { reason: str('Event reason (FailedScheduling, OOMKilling, ...).'), kind: str('Kind of the object.'), name: str('Name of the object.') },
    ['reason'],
  ),
  command: obj('The learner ran a kubectl command matching a regular expression (without the word kubectl).', { matches: str('Regular expression.') }, [
    'matches',
  ]),
  served: obj(
    'Requests to a Service were answered by pods (or refused).',
    {
      service: str('Name of the Service.'),
      distinctPods: int('At least this many different pods answered.'),
      refused: bool('Requests were refused and none answered.'),
      owner: str('The latest batch of requests was answered by pods of this controller (Kind/name).'),
      share: obj('The percentage of the latest batch answered (by owner, or by any pod).', {
        min: { type: 'number', minimum: 0, maximum: 100, description: 'At least this percentage.' },
        max: { type: 'number', minimum: 0, maximum: 100, description: 'At most this percentage.' },
      }),
    },
    ['service'],
  ),
  diagnostics: obj(
    'A diagnostic code is present in a lesson file, or absent from it.',
    { file: str('Starter file name.'), code: str('Rule code (e.g. selector-mismatch).'), present: bool('Present (true) or absent (false).') },
    ['file', 'code', 'present'],
  ),
  file: obj(
    "A field of a resource in the learner's text.",
    {
      file: str('Starter file name.'),
      kind: str('Kind of the resource.'),
      name: str('Name of the resource.'),
      path: str('Dotted path; numbers index lists, * is any list item.'),
      equals: { description: 'The value equals this.' },
      exists: bool('The path exists (true) or is absent (false).'),
      matches: str('Regular expression the value must match.'),
    },
    ['file', 'kind', 'path'],
  ),
  nodes: obj('The number of nodes.', { count: int('Exactly this many nodes.'), min: int('At least this many.') }),
  all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/check' }, description: 'Every check passes.' },
  any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/check' }, description: 'Some check passes.' },
  not: { $ref: '#/definitions/check', description: 'The check fails.' },
};

const EDIT = { file: str('Starter file name.'), kind: str('Kind of the resource.'), name: str('Name of the resource.'), path: str('Dotted path.') };

/** The body of each action (`{ apply: dorm.yaml }` etc.). */
const ACTIONS: Record<(typeof ACTION_TYPES)[number], Schema> = {
  apply: str('kubectl apply -f on a starter file.'),
  open: str('Open a starter file in the editor.'),
  kubectl: str('A kubectl command (without the word kubectl).'),
  deletePod: str('Delete one pod of a controller (Kind/name).'),
  scale: str('Scale a workload (deployment/NAME); needs replicas.'),
  request: str('Send requests to a Service (service/NAME); count optional.'),
  addNode: { const: true, description: 'Add a node to the cluster.' },
  oom: str('Make a container run out of memory (Kind/name).'),
  advance: int('Advance simulated time by this many milliseconds.'),
  addressPool: { type: 'array', items: { type: 'string' }, description: 'Install a LoadBalancer address pool.' },
  set: obj('Set a field in a starter file.', { ...EDIT, value: { description: 'The new value.' } }, ['file', 'kind', 'path', 'value']),
  remove: obj('Remove a field from a starter file.', EDIT, ['file', 'kind', 'path']),
  append: obj('Append text to a starter file.', { file: str('Starter file name.'), text: str('Text to append.') }, ['file', 'text']),
  quickfix: obj("Apply the editor's quick fix for a diagnostic code.", { file: str('Starter file name.'), code: str('Rule code.') }, ['file', 'code']),
};

const oneKeyOf = (bodies: Record<string, Schema>, extra: Record<string, Schema> = {}): Schema => ({
  oneOf: Object.entries(bodies).map(([k, v]) => ({ type: 'object', properties: { [k]: v, ...extra }, required: [k], additionalProperties: false })),
});

/** lesson.yaml */
export const lessonSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'kube-dorm/lesson.schema.json',
  title: 'Kube Dorm lesson (lesson.yaml)',
  description: 'Structure of a lesson: starter files, steps (check, controls, Show me) and quiz answers. Texts live in en.yaml and zh-cn.yaml.',
  type: 'object',
  required: ['id', 'number', 'files', 'steps', 'quiz'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'Lesson id: lowercase letters, digits and -.' },
    number: int('Lesson number shown to the learner.'),
    files: {
      type: 'array',
      description: 'Starter manifests, in files/.',
      items: obj(
        'A starter file.',
        {
          name: str('File name in files/.'),
          expect: { type: 'array', items: { type: 'string' }, description: 'Diagnostic codes the starter is meant to have.' },
        },
        ['name'],
      ),
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: obj(
        'A step: done when its check passes.',
        {
          id: str('Step id (texts are keyed by it).'),
          file: str('The starter file this step works on.'),
          controls: { type: 'array', items: { $ref: '#/definitions/action' }, description: 'Buttons shown with the step.' },
          check: { $ref: '#/definitions/check' },
          show: { type: 'array', minItems: 1, items: { $ref: '#/definitions/action' }, description: 'What "Show me" does, in order.' },
        },
        ['id', 'check', 'show'],
      ),
    },
    quiz: {
      type: 'array',
      minItems: 2,
      maxItems: 3,
      items: obj('A quiz question.', { id: str('Question id (texts are keyed by it).'), answer: int('Index of the right choice (0-based).') }, [
        'id',
        'answer',
      ]),
    },
    variants: {
      type: 'array',
      minItems: 1,
      description: 'Variants: a run plays one, chosen by its seed (lesson 10: one broken campus each).',
      items: obj(
        'A variant: the starters broken by some edits, and its own Show me for some steps.',
        {
          id: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'Variant id (texts are keyed by it).' },
          break: {
            type: 'array',
            minItems: 1,
            items: { $ref: '#/definitions/action' },
            description: 'Edits (set, remove, append) that turn the starters into this variant.',
          },
          expect: {
            type: 'object',
            description: 'File name → the diagnostic codes that starter has after the edits.',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
          show: {
            type: 'object',
            description: "Step id → this variant's Show me (instead of the step's).",
            additionalProperties: { type: 'array', minItems: 1, items: { $ref: '#/definitions/action' } },
          },
        },
        ['id', 'break'],
      ),
    },
    cluster: obj('Cluster options.', {
      nodes: int('Number of nodes.'),
      nodeCpu: str('CPU per node (e.g. 4).'),
      nodeMemory: str('Memory per node (e.g. 8Gi).'),
    }),
  },
  definitions: {
    check: { description: 'A predicate over the lesson state: exactly one key.', ...oneKeyOf(CHECKS) },
    action: {
      description: 'Something the learner (or Show me) does: exactly one key.',
      ...oneKeyOf(ACTIONS, { replicas: int('For scale.'), count: int('For request.') }),
    },
  },
};

const text = (description: string): Schema => ({ type: 'string', minLength: 1, description });

/** en.yaml and zh-cn.yaml */
export const lessonTextSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'kube-dorm/lesson-text.schema.json',
  title: 'Kube Dorm lesson texts (en.yaml, zh-cn.yaml)',
  description: 'Every text a person reads in a lesson, in one language.',
  type: 'object',
  required: ['title', 'summary', 'steps', 'quiz'],
  additionalProperties: false,
  properties: {
    title: text('Lesson title.'),
    summary: text('One or two sentences shown in the lesson list.'),
    steps: {
      type: 'object',
      description: 'Texts per step id.',
      additionalProperties: obj(
        'Texts of one step.',
        {
          title: text('Step title.'),
          analogy: text('The dorm picture first...'),
          explain: text('...then the real Kubernetes term.'),
          task: text('What to do now.'),
          hints: { type: 'array', minItems: 1, items: text('A hint; `kubectl ...` in backticks is run by lesson check.') },
        },
        ['title', 'analogy', 'explain', 'task', 'hints'],
      ),
    },
    quiz: {
      type: 'object',
      description: 'Texts per question id.',
      additionalProperties: obj(
        'Texts of one question.',
        { question: text('The question.'), choices: { type: 'array', minItems: 2, items: text('A choice.') }, explanation: text('Why the answer is right.') },
        ['question', 'choices', 'explanation'],
      ),
    },
    variants: {
      type: 'object',
      description: 'Per variant id: hints per step id, shown after the own hints of the step.',
      additionalProperties: obj('Texts of one variant.', {
        hints: { type: 'object', additionalProperties: { type: 'array', minItems: 1, items: text('A hint.') }, description: 'Step id → hints.' },
      }),
    },
    outro: text('Closing words.'),
    checklist: { type: 'array', items: text('One item.') },
  },
};
