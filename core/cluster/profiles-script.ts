// How long a container's command runs, read (never run) from its text: shell scripts (`sh -c`),
// one-shot programs and inline code of language images (`python -c`, `node -e`). A command the
// simulator cannot read — a program it does not know (`start-zookeeper`, `./server`, `java -jar`)
// — runs like a server that stays up, never "exits at once".

export interface ScriptBehavior {
  /** null = runs until stopped. */
  exitAfterMs: number | null;
  exitCode: number;
  /** True when the command starts a program the simulator cannot read (it runs like a server). */
  opaque: boolean;
  /** The sum of its sleeps (how long it runs if it ends). */
  sleepMs: number;
}

/** Shells: `sh -c SCRIPT` runs SCRIPT. */
export const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh)$/;

/** Programs that do their work and end (a script made of these ends after its sleeps). */
const ONE_SHOT = new Set(
  (
    'echo printf sleep exit set cat ls date env printenv true false mkdir cp mv rm touch export cd test [ [[ wget curl nslookup ' +
    'dig host ping chmod chown ln sed grep egrep awk head tail wc hostname whoami id uname df du find tar gzip gunzip base64 ' +
    'mount sync tee xargs basename dirname cut sort uniq tr expr seq read source . trap wait kill cmp diff stat md5sum sha256sum ' +
    'openssl unset shift local return break continue : apt-get apk yum pip pip3 npm chroot getent ip ifconfig netstat ss iptables ' +
    'nc ncat mysql psql redis-cli mongosh mongo jq yq envsubst install rsync scp ssh-keygen git useradd adduser addgroup groupadd'
  ).split(' '),
);
/** Shell words that are syntax, not programs. */
const KEYWORDS = new Set('if then else elif fi for in do done while until case esac function select time ! { } ( ) ;;'.split(' '));
/** Interpreters of language images, with the flag before inline code (`python -c CODE`, `perl -wle CODE`); none for java and go. */
const INLINE: [RegExp, RegExp | undefined][] = [
  [/^python[0-9.]*$/, /^-[a-zA-Z]*c$/],
  [/^(node|nodejs)$/, /^(-e|-p|--eval|--print)$/],
  [/^perl$/, /^-[a-zA-Z]*[eE]$/],
  [/^ruby$/, /^-[a-zA-Z]*e$/],
  [/^php$/, /^-r$/],
  [/^(java|jshell|go)$/, undefined],
];

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 };

/** Runs for ever: an endless loop or wait. */
const FOREVER =
  /while\s*(true|:|\(\s*true\s*\)|\s*\[\s*1\s*\]|\s+1)|sleep\s+infinity|tail\s+(-[a-zA-Z0-9]*[fF]\b|--follow)|\bsleep\s+[0-9]{7,}|while\s+True\s*:|setInterval\(|for\s*\(\s*;\s*;\s*\)|\bloop\s+do\b|select\s*\{\s*\}|\bn?c(at)?\s+[^;\n|&]*(\s-[a-z]*l[a-z]*\b|--listen)/;

/** The sum of the script's sleeps (`sleep N[smhd]`, `time.sleep(N)`, `sleep(N)`, `setTimeout(..., ms)`). */
function sleeps(text: string): number {
  let ms = 0;
  for (const m of text.matchAll(/\bsleep\s+([0-9.]+)([smhd]?)\b/g)) ms += Number(m[1]) * UNITS[m[2]];
  for (const m of text.matchAll(/\b(?:time\.)?sleep\(\s*([0-9.]+)\s*\)/g)) ms += Number(m[1]) * 1000;
  for (const m of text.matchAll(/setTimeout\([^]*?,\s*([0-9]+)\s*\)/g)) ms += Number(m[1]);
  return ms;
}

/** The programs a shell script starts: the first word of each simple command. */
function programs(script: string): string[] {
  const out: string[] = [];
  for (const seg of script.split(/\n|;|&&|\|\||\||&|\$\(|`|\bthen\b|\bdo\b|\belse\b/)) {
    const words = seg.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    while (
      i < words.length &&
      (KEYWORDS.has(words[i]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || words[i] === 'exec' || words[i] === 'sudo' || words[i] === 'nohup')
    )
      i++;
    const w = words[i]?.replace(/^["'({]+|["')};]+$/g, '');
    if (!w || w.startsWith('#') || w.startsWith('$') || w.startsWith('-') || /^[0-9]/.test(w) || /^[<>]/.test(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The code of the script's first unconditional `exit N` (at the start of a line or after `;`); one
 * after `||`, `&&` or `then` runs only on some paths, and the simulator takes commands to succeed.
 */
function exitCodeOf(text: string): number {
  const m = /(^|[;\n])\s*(?:sys\.)?exit\s*\(?\s*([0-9]+)/.exec(text);
  return m ? Number(m[2]) : 0;
}

function known(program: string): boolean {
  const base = program.split('/').pop() ?? program;
  return ONE_SHOT.has(base) || SHELLS.test(program) || (program.includes('=') && !program.includes('/'));
}

/**
 * What a command does. `cmd` is command + args; `shellImage` says the image's default program is a
 * shell (busybox): then a bare command is a program run by it. Empty command: exits 0 at once.
 */
export function scriptBehavior(cmd: string[]): ScriptBehavior {
  const words = cmd.map(String);
  if (!words.join('').trim()) return { exitAfterMs: 0, exitCode: 0, opaque: false, sleepMs: 0 };
  let text = words.join(' ');
  let progs: string[];
  let lang: (typeof INLINE)[number] | undefined;
  const c = words.findIndex((w) => /^-[a-z]*c$/.test(w));
  if (SHELLS.test(words[0]) && c > 0) {
    text = words.slice(c + 1).join(' ');
    progs = programs(text);
  } else if ((lang = INLINE.find(([re]) => re.test(words[0].split('/').pop() ?? '')))) {
    const inline = lang[1];
    const flag = inline ? words.findIndex((w) => inline.test(w)) : -1;
    // `python -c CODE` is read; `python app.py`, `java -jar app.jar`, `go run .` are programs we cannot read.
    if (flag < 0) return { exitAfterMs: words.length === 1 ? 0 : null, exitCode: 0, opaque: words.length > 1, sleepMs: 0 };
    text = words.slice(flag + 1).join(' ');
    progs = [];
  } else progs = programs(text);
  const exitCode = exitCodeOf(text);
  let ms = sleeps(text);
  if (/bpi\(|perl/.test(text)) ms = Math.max(ms, 8000);
  const sleepMs = Math.round(ms);
  if (FOREVER.test(text)) return { exitAfterMs: null, exitCode, opaque: false, sleepMs };
  if (progs.some((p) => !known(p))) return { exitAfterMs: null, exitCode: 0, opaque: true, sleepMs };
  return { exitAfterMs: sleepMs, exitCode, opaque: false, sleepMs };
}

/** When a file exists while the script runs: created by `touch F` or `> F`, removed by `rm F` (ms from start; `to` null = stays). */
export function fileTimeline(cmd: string[]): Map<string, { from: number; to: number | null }> {
  const words = cmd.map(String);
  const c = words.findIndex((w) => /^-[a-z]*c$/.test(w));
  const text = words.length && SHELLS.test(words[0]) && c > 0 ? words.slice(c + 1).join(' ') : words.join(' ');
  const files = new Map<string, { from: number; to: number | null }>();
  let t = 0;
  const create = (f: string) => {
    const cur = files.get(f);
    if (!cur || cur.to !== null) files.set(f, { from: t, to: null });
  };
  for (const seg of text.split(/\n|;|&&/)) {
    const w = seg.trim().split(/\s+/).filter(Boolean);
    if (!w.length) continue;
    if (w[0] === 'sleep') t += sleeps(`sleep ${w[1] ?? ''}`);
    else if (w[0] === 'touch')
      w.slice(1)
        .filter((f) => !f.startsWith('-'))
        .forEach(create);
    else if (w[0] === 'rm') {
      for (const f of w.slice(1).filter((x) => !x.startsWith('-'))) {
        const cur = files.get(f);
        if (cur && cur.to === null) cur.to = t;
        else if (!cur) files.set(f, { from: Infinity, to: t });
      }
    }
    const redirect = />>?\s*(\/\S+)/.exec(seg);
    if (redirect) create(redirect[1]);
  }
  return files;
}

/** The file an exec probe checks (`cat F`, `test -e F`, `ls F`, `[ -f F ]`, also inside `sh -c`), or undefined. */
export function probedFile(command: unknown): string | undefined {
  const words = (Array.isArray(command) ? command : []).map(String);
  const text = words.length && SHELLS.test(words[0]) ? words.slice(words.findIndex((w) => /^-[a-z]*c$/.test(w)) + 1).join(' ') : words.join(' ');
  const m = /^\s*(?:cat|ls|test\s+-[efs]|\[\s+-[efs])\s+(\/[^\s\]]+)\s*\]?\s*$/.exec(text);
  return m?.[1];
}
