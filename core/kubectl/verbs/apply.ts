// kubectl apply -f / create -f: a manifest file applied through the linter and the cluster.
import { applyFiles } from '../../cluster/apply';
import { noticeText } from '../../cluster/coverage';
import { t } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, flag, type CommandResult } from '../args';
import type { Verb, VerbContext } from '../verb';

/** Applies the file named by `-f`; the linter's problems and the API errors fail the command. */
export function applyFile({ c, a, L, env }: VerbContext): CommandResult {
  const file = flag(a, 'f', 'filename');
  if (!file) return fail('error: must specify one of -f and -k');
  if (!env.readFile) return fail('error: reading files is not available here');
  const r = applyFiles(c, [{ uri: file, text: env.readFile(file) }]);
  const lines = [
    ...r.lines,
    ...r.diagnostics.map((d) => `error: ${file}:${d.range.start.line + 1}: ${t(d.message, L)} (${d.code})`),
    ...r.errors,
    ...r.notSimulated.map((o) => t(simMsg('sim.notSimulated', { object: o }), L)),
    ...(r.notSimulatedFields ?? []).map((n) => noticeText(n, L, true)),
  ];
  return { output: lines.join('\n') + '\n', error: r.errors.length + r.diagnostics.length > 0 };
}

export const apply: Verb = {
  summary: 'Apply a configuration to a resource by file name.',
  usage: ['apply -f FILE'],
  valueFlags: ['f', 'filename'],
  run: applyFile,
};
