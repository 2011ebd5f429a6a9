// The verb table of the built-in kubectl: every verb it understands, kubectl's first, then the
// simulator's. The dispatcher, `VERB --help` and the parser's value flags all come from here.
import type { Verb } from '../verb';
import { advance } from './advance';
import { apply } from './apply';
import { canary } from './canary';
import { create } from './create';
import { del } from './delete';
import { apiResources, apiVersions, config } from './discovery';
import { explain } from './explain';
import { describe } from './describe';
import { add, crash, failNode, fill } from './faults';
import { get } from './get';
import { noContainer, version } from './info';
import { annotate, label } from './label';
import { logs } from './logs';
import { cordon, drain, taint } from './nodes';
import { patch } from './patch';
import { request } from './request';
import { rollout } from './rollout';
import { auth, expose, run } from './run';
import { top } from './top';
import { scale } from './scale';
import { set } from './set';

export const VERBS: Readonly<Record<string, Verb>> = {
  get,
  apply,
  create,
  delete: del,
  describe,
  explain,
  scale,
  set,
  patch,
  rollout,
  cordon,
  uncordon: cordon,
  drain,
  label,
  annotate,
  run,
  expose,
  auth,
  top,
  logs,
  version,
  'api-resources': apiResources,
  'api-versions': apiVersions,
  config,
  exec: noContainer,
  attach: noContainer,
  cp: noContainer,
  'port-forward': noContainer,
  taint,
  crash,
  oom: crash,
  fail: failNode,
  recover: failNode,
  add,
  fill,
  request,
  canary,
  advance,
  wait: advance,
  sleep: advance,
};
