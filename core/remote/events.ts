// A real cluster's Events as the panel's timeline rows, told twice as the simulated ones are: the
// `kubectl get events` line, and the story with the dorm's name for the object's role (the
// cluster's own message, which Kubernetes writes in English). `t` is the time of day (UTC) in ms,
// which the panel's clock format prints as h:mm:ss.
import type { KObject } from '../cluster/store';
import { objOf, scalarText } from '../k8s/guards';
import type { WireEvent } from '../panel/wire';
import { GLOSSARY } from '../i18n/glossary';
import { t as tr, type Locale } from '../i18n/index';
import { remoteMsg } from './messages';

const DAY = 86_400_000;

/** ms since the epoch → ms since that day's UTC midnight. */
export const timeOfDay = (ms: number) => ((ms % DAY) + DAY) % DAY;

/** When an event last happened (ms since the epoch), or undefined. */
export function eventTime(e: KObject): number | undefined {
  const iso = e.lastTimestamp ?? e.eventTime ?? objOf(e.series).lastObservedTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  const v = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

export function remoteEvent(e: KObject, locale: Locale): WireEvent {
  const obj = objOf(e.involvedObject ?? e.regarding);
  const kind = scalarText(obj.kind ?? '');
  const name = scalarText(obj.name ?? '');
  const type = e.type === 'Warning' ? 'Warning' : 'Normal';
  const reason = scalarText(e.reason ?? '');
  const message = scalarText(e.message ?? e.note ?? '');
  const role = GLOSSARY.find((r) => r.kubernetes === kind)?.name;
  const who = role ? `${locale === 'zh-cn' ? role.zh : role.en} ${name}` : `${kind} ${name}`;
  return {
    t: timeOfDay(eventTime(e) ?? 0),
    type,
    reason,
    object: `${kind}/${name}`,
    kubectl: `${type}   ${reason}   ${kind.toLowerCase()}/${name}   ${message}`,
    story: tr(remoteMsg('remote.story', { who, message }), locale),
  };
}
