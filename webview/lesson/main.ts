// The lesson view (dist/webview/lesson.js): renders what the extension host sends — one `init`,
// then `state` — as the lesson's steps (analogy, real term, task, controls, Show me, hints), a
// small picture of the simulated cluster, a kubectl box and the quiz. Every control posts a typed
// message that the host validates. All text goes in through textContent (a tiny `code`/**bold**
// formatter builds elements), never innerHTML.
//
// Testable DOM: the root carries data-kind="lesson" data-lesson-id; each step data-kind="lesson-step"
// data-step-id data-done="true|false".
import type { LessonHostMessage, LessonPersistedState, LessonView, LessonViewMessage, QuizView, StepView } from '../protocol/lesson';
import { button, el } from '../shared/dom';
import { connectHost, onHostMessage } from '../shared/host';
import { kubectlForm } from '../shared/kubectl';
import { localizer } from '../shared/l10n';
import { podStatusClass } from '../shared/pods';

const host = connectHost<LessonViewMessage>();
const post = host.post;
const L = localizer();

const saved = (host.getState() ?? {}) as Partial<LessonPersistedState>;
const hintsShown: Record<string, number> = typeof saved.hints === 'object' && saved.hints ? { ...saved.hints } : {};
const expanded = new Set<string>();
let lesson: LessonView | undefined;
let localeChoice = 'auto';

/** `code` and **bold** in lesson texts, as elements (text nodes only inside). */
function rich(text: string): DocumentFragment {
  const f = document.createDocumentFragment();
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) f.append(text.slice(last, m.index));
    f.append(m[1] !== undefined ? el('code', { text: m[1] }) : el('strong', { text: m[2] }));
    last = m.index + m[0].length;
  }
  if (last < text.length) f.append(text.slice(last));
  return f;
}
const para = (cls: string, label: string, text: string) =>
  el('div', { className: `part ${cls}` }, el('span', { className: 'label', text: label }), el('p', {}, rich(text)));

function persist(): void {
  if (lesson) host.setState({ lessonId: lesson.id, hints: hintsShown } satisfies LessonPersistedState);
}

function fmtTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Frame (built once per init) and sections (rebuilt on each state)

const app = document.getElementById('app')!;
let stepsBox: HTMLElement;
let quizBox: HTMLElement;
let podsBox: HTMLElement;
let headBox: HTMLElement;
let endBox: HTMLElement;
let output: HTMLPreElement;
let live: HTMLElement;

function frame(): void {
  headBox = el('header', { className: 'head' });
  stepsBox = el('ol', { className: 'steps', 'aria-label': L('lesson.steps') });
  quizBox = el('section', { className: 'quiz', 'aria-label': L('lesson.quiz') });
  endBox = el('section', { className: 'end' });
  podsBox = el('div', { className: 'pods' });
  output = el('pre', { className: 'output', 'data-kind': 'lesson-output', 'aria-live': 'polite', 'aria-label': L('lesson.output') });
  live = el('div', { className: 'sr-only', 'aria-live': 'polite' });
  const input = el('input', {
    type: 'text',
    className: 'kubectl-input',
    'data-kind': 'kubectl-input',
    'aria-label': L('lesson.kubectl'),
    placeholder: 'kubectl get pods',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const form = kubectlForm(
    'kubectl',
    input,
    el('button', { type: 'submit', className: 'btn', text: L('lesson.run') }),
    (line) => post({ type: 'kubectl', line }),
    true,
  );
  const side = el('aside', { className: 'cluster', 'aria-label': L('lesson.cluster') }, el('h2', { text: L('lesson.cluster') }), podsBox, form, output);
  app.replaceChildren(
    el(
      'main',
      { className: 'lesson', 'data-kind': 'lesson' },
      headBox,
      el('div', { className: 'body' }, el('div', { className: 'flow' }, stepsBox, quizBox, endBox), side),
    ),
    live,
  );
}

function renderHead(v: LessonView): void {
  const done = v.steps.filter((s) => s.done).length;
  const pick = el('select', {
    className: 'jump',
    'aria-label': L('lesson.lessons'),
    onchange: (e: Event) => post({ type: 'openLesson', id: (e.target as HTMLSelectElement).value }),
  });
  for (const l of v.lessons) {
    const o = el('option', { value: l.id, text: `${l.number}. ${l.title} (${l.done}/${l.total})` });
    if (l.id === v.id) o.selected = true;
    pick.append(o);
  }
  const lang = el('select', {
    className: 'lang',
    'aria-label': L('lesson.language'),
    onchange: (e: Event) => post({ type: 'setLocale', locale: (e.target as HTMLSelectElement).value as 'auto' | 'en' | 'zh-cn' }),
  });
  for (const [val, label] of [
    ['auto', L('lesson.lang.auto')],
    ['en', 'English'],
    ['zh-cn', '中文'],
  ]) {
    const o = el('option', { value: val, text: label });
    if (val === localeChoice) o.selected = true;
    lang.append(o);
  }
  headBox.replaceChildren(
    el('div', { className: 'eyebrow', text: L('lesson.number', { n: v.number }) }),
    el('h1', { text: v.title }),
    el('p', { className: 'summary' }, rich(v.summary)),
    el(
      'div',
      { className: 'toolbar' },
      el('span', { className: 'progress', 'data-kind': 'lesson-progress', text: L('lesson.progress', { done, total: v.steps.length }) }),
      pick,
      lang,
      button(L('lesson.reset'), () => post({ type: 'reset' }), { 'data-action': 'reset' }),
    ),
  );
}

function renderStep(s: StepView): HTMLElement {
  const open = s.current || expanded.has(s.id);
  const li = el('li', {
    className: `step${s.done ? ' done' : ''}${s.current ? ' current' : ''}`,
    'data-kind': 'lesson-step',
    'data-step-id': s.id,
    'data-done': String(s.done),
    'data-current': String(s.current),
  });
  const title = el(
    'button',
    {
      type: 'button',
      className: 'step-title',
      'aria-expanded': String(open),
      onclick: () => {
        if (expanded.has(s.id)) expanded.delete(s.id);
        else expanded.add(s.id);
        if (lesson) renderSteps(lesson);
      },
    },
    el('span', { className: 'mark', 'aria-hidden': 'true', text: s.done ? '✓' : String(s.n) }),
    el('span', { text: s.title }),
    el('span', { className: 'sr-only', text: ` — ${s.done ? L('lesson.done') : L('lesson.todo')}` }),
  );
  li.append(title);
  if (!open) return li;
  const body = el(
    'div',
    { className: 'step-body' },
    para('analogy', L('lesson.analogy'), s.analogy),
    para('explain', L('lesson.explain'), s.explain),
    para('task', L('lesson.task'), s.task),
  );
  const controls = el('div', { className: 'controls' });
  for (const c of s.controls)
    controls.append(
      button(c.label, () => post({ type: 'control', step: s.id, index: c.index }), {
        'data-kind': 'lesson-control',
        'data-index': c.index,
        'data-focus': `c:${s.id}:${c.index}`,
      }),
    );
  controls.append(
    button(L('lesson.showMe'), () => post({ type: 'showMe', step: s.id }), { className: 'btn secondary', 'data-action': 'show-me', 'data-focus': `s:${s.id}` }),
  );
  const shown = Math.min(hintsShown[s.id] ?? 0, s.hints.length);
  if (shown < s.hints.length)
    controls.append(
      button(
        shown ? L('lesson.moreHint') : L('lesson.hint'),
        () => {
          hintsShown[s.id] = shown + 1;
          persist();
          if (lesson) renderSteps(lesson);
        },
        { className: 'btn secondary', 'data-action': 'hint', 'data-focus': `h:${s.id}` },
      ),
    );
  body.append(controls);
  if (shown) body.append(el('ul', { className: 'hints' }, ...s.hints.slice(0, shown).map((h) => el('li', { 'data-kind': 'hint' }, rich(h)))));
  if (s.current && !s.done) body.append(el('p', { className: 'waiting', text: L('lesson.waiting') }));
  li.append(body);
  return li;
}

function renderSteps(v: LessonView): void {
  const focus = (document.activeElement as HTMLElement | null)?.getAttribute?.('data-focus');
  stepsBox.replaceChildren(...v.steps.map(renderStep));
  if (focus) stepsBox.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus)}"]`)?.focus();
}

function renderQuiz(v: LessonView): void {
  const qs = v.quiz.map((q: QuizView, i) => {
    const box = el(
      'fieldset',
      { className: 'question', 'data-kind': 'quiz-question', 'data-quiz-id': q.id, 'data-correct': q.correct === undefined ? undefined : String(q.correct) },
      el('legend', {}, rich(`${i + 1}. ${q.question}`)),
    );
    q.choices.forEach((c, j) =>
      box.append(
        button(c, () => post({ type: 'answer', quiz: q.id, choice: j }), {
          className: `btn choice${q.answered === j ? (q.correct ? ' right' : ' wrong') : ''}`,
          'data-kind': 'quiz-choice',
          'data-index': j,
          'aria-pressed': String(q.answered === j),
        }),
      ),
    );
    if (q.explanation !== undefined)
      box.append(
        el(
          'p',
          { className: 'explanation', 'data-kind': 'quiz-explanation' },
          el('strong', { text: `${q.correct ? L('lesson.right') : L('lesson.wrong')} ` }),
          rich(q.explanation),
        ),
      );
    return box;
  });
  quizBox.replaceChildren(el('h2', { text: L('lesson.quiz') }), ...qs);
}

function renderEnd(v: LessonView): void {
  endBox.replaceChildren();
  endBox.setAttribute('data-complete', String(v.complete));
  if (!v.complete) return;
  endBox.append(el('h2', { 'data-kind': 'lesson-complete', text: L('lesson.complete') }));
  if (v.outro) endBox.append(el('p', {}, rich(v.outro)));
  if (v.checklist?.length)
    endBox.append(
      el('h3', { text: L('lesson.checklist') }),
      el('ul', { className: 'checklist' }, ...v.checklist.map((c) => el('li', {}, el('input', { type: 'checkbox', 'aria-label': c }), ' ', rich(c)))),
    );
  if (v.next) {
    const next = v.next;
    endBox.append(button(L('lesson.next'), () => post({ type: 'openLesson', id: next }), { 'data-action': 'next-lesson' }));
  }
}

function renderPods(v: LessonView): void {
  const rows = v.pods.map((p) =>
    el(
      'li',
      { className: `pod ${podStatusClass(p.status, p.ready)}`, 'data-kind': 'lesson-pod', 'data-name': p.name, 'data-status': p.status },
      el('span', { className: 'name', text: p.name }),
      el('span', { className: 'status', text: p.status }),
      el('span', { className: 'node', text: p.node }),
    ),
  );
  podsBox.replaceChildren(
    el('div', { className: 'time', text: `${L('lesson.time', { t: fmtTime(v.t) })} · nodes ${v.nodes}` }),
    rows.length ? el('ul', { className: 'pod-list' }, ...rows) : el('p', { className: 'empty', text: L('lesson.noPods') }),
  );
}

/** The view as the head, steps, quiz and end last drew it: everything but the clock and the cluster picture. */
let drawn: string | undefined;

/**
 * Draws a view. A state that only moves the clock or the rooms (several a second while the cluster
 * runs) redraws the cluster picture alone: replacing the buttons and menus under the pointer would
 * lose a click whose press and release straddle it, and close an open menu.
 */
function render(v: LessonView, force = false): void {
  const root = app.querySelector('[data-kind="lesson"]');
  root?.setAttribute('data-lesson-id', v.id);
  root?.setAttribute('data-complete', String(v.complete));
  const key = JSON.stringify({ ...v, t: 0, pods: [], nodes: 0 });
  if (force || key !== drawn) {
    drawn = key;
    renderHead(v);
    renderSteps(v);
    renderQuiz(v);
    renderEnd(v);
  }
  renderPods(v);
}

onHostMessage<LessonHostMessage>((m) => {
  switch (m.type) {
    case 'init':
      L.strings = m.strings ?? {};
      localeChoice = m.localeChoice;
      document.documentElement.lang = m.locale === 'zh-cn' ? 'zh-CN' : 'en';
      if (lesson?.id !== m.lesson.id) expanded.clear();
      lesson = m.lesson;
      frame();
      render(m.lesson, true);
      persist();
      app.setAttribute('data-ready', 'true');
      break;
    case 'state':
      if (!stepsBox) return;
      lesson = m.lesson;
      render(m.lesson);
      break;
    case 'output':
      if (!output) return;
      output.textContent = m.text;
      output.classList.toggle('error', !!m.error);
      break;
    case 'completed':
      if (live && lesson) live.textContent = m.steps.map((id) => `${lesson!.steps.find((s) => s.id === id)?.title ?? id}: ${L('lesson.done')}`).join('. ');
      break;
  }
});

post({ type: 'ready' });
