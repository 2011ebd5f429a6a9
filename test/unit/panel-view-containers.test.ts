// The panel's roommates (ContainerView): what reason a container shows through a crash loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment } from './sim-helpers';
import { buildState } from '../../core/panel/view';

test('roommates: a container OOM-killed in a loop shows OOMKilled when it runs again, CrashLoopBackOff while it waits, and keeps OOMKilled as its last reason throughout', () => {
  const c = cluster();
  // nginx settles at 8Mi: over a 4Mi limit it is OOM-killed a second after each start.
  apply(c, deployment('hungry', 1, {}, { resources: { limits: { memory: '4Mi' } } }));
  const seen: string[] = [];
  for (let i = 0; i < 600; i++) {
    c.advance(100);
    const ctr = buildState(c, { tables: false }).pods[0]?.containers[0];
    if (!ctr) continue;
    const s = `${ctr.state}/${ctr.restarts ? 'restarted' : 'first'}:${ctr.reason}${ctr.lastReason ? `<${ctr.lastReason}` : ''}`;
    if (seen.at(-1) !== s) seen.push(s);
  }
  assert.ok(seen.includes('running/first:'), seen.join(' '));
  assert.ok(seen.includes('terminated/first:OOMKilled'), seen.join(' '));
  assert.ok(seen.includes('running/restarted:OOMKilled<OOMKilled'), seen.join(' '));
  // Most of a crash loop is spent waiting: the roommate still says why it last stopped.
  assert.ok(seen.includes('waiting/restarted:CrashLoopBackOff<OOMKilled'), seen.join(' '));
  assert.ok(!seen.some((s) => s.startsWith('waiting/restarted:') && !s.endsWith('<OOMKilled')), seen.join(' '));
  assert.ok(!seen.some((s) => s.startsWith('running/restarted:') && s !== 'running/restarted:OOMKilled<OOMKilled'), seen.join(' '));
});
