// The `$ kubectl ____ [Run]` box of both webviews: the line typed is sent to the host as it is
// (the host strips a leading "kubectl"), at most 4,096 characters as the protocols accept.
import { el } from './dom';

export const MAX_LINE = 4096;

/** A form around `input` and `submit`; a non-empty line goes to `run` (then the input is emptied if `clearAfter`). */
export function kubectlForm(
  className: string,
  input: HTMLInputElement,
  submit: HTMLButtonElement,
  run: (line: string) => void,
  clearAfter = false,
): HTMLFormElement {
  const form = el('form', { className }, el('span', { className: 'prompt', text: '$ kubectl' }), input, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const line = input.value.trim();
    if (line) run(line.slice(0, MAX_LINE));
    if (clearAfter) input.value = '';
  });
  return form;
}
