// The resources a real cluster's view is drawn from, and where each is served: the kinds the side
// panel shows (buildings, rooms, managers, dispatch centres and their address books) and Events.
// Secrets and ConfigMaps are not read from a real cluster: the view needs no Secret to draw the
// dorm, and a learner's role often may not read them.
import { BUILTIN_GROUPS, isClusterScopedKind } from '../k8s/kinds';

export interface ResourceSpec {
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

const spec = (kind: string, plural = kind.toLowerCase() + 's'): ResourceSpec => ({
  kind,
  group: BUILTIN_GROUPS[kind]?.[0] ?? '',
  version: 'v1',
  plural,
  namespaced: !isClusterScopedKind(kind),
});

export const WATCHED: readonly ResourceSpec[] = [
  spec('Node'),
  spec('Pod'),
  spec('Service'),
  spec('Endpoints', 'endpoints'),
  spec('Deployment'),
  spec('ReplicaSet'),
  spec('StatefulSet'),
  spec('DaemonSet'),
  spec('Job'),
  spec('CronJob'),
  spec('Event'),
];
