// 50 hostile strings (markup, handlers, URLs, bidi, control characters, huge and odd keys) shown in
// every webview test: none may execute, none may break the layout.
const BIG = 'x'.repeat(10_240);
export const HOSTILE: string[] = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3">',
  '"><script>window.__pwned=4</script>',
  "'><img src=x onerror=window.__pwned=5>",
  'javascript:window.__pwned=6',
  'JaVaScRiPt:alert(7)',
  '<a href="javascript:window.__pwned=8">click</a>',
  '<iframe src="javascript:window.__pwned=9"></iframe>',
  '<body onload=window.__pwned=10>',
  '<style>*{display:none!important}</style>',
  '<link rel=stylesheet href=http://evil.test/x.css>',
  '<meta http-equiv="refresh" content="0;url=http://evil.test">',
  '<base href="http://evil.test/">',
  '<form action="http://evil.test"><button>go</button></form>',
  '<details open ontoggle=window.__pwned=16>',
  '<video><source onerror="window.__pwned=17">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=18>',
  '{{constructor.constructor("window.__pwned=19")()}}',
  '${window.__pwned=20}',
  '`${alert(21)}`',
  '\u202Egnp.exe',
  '\u202Eevil\u202C name \u2066rtl\u2069',
  '\u200F\u200E\u061C mixed direction',
  'שלום <b>bold</b> مرحبا',
  'a\u0000b',
  '\u0007\u0008\u001b[31mred',
  '\uFEFF\u200B\u200C\u200D zero width',
  '🏢'.repeat(200),
  'Z̷̢̛͎̪̣̰̟̈́̈́͌a̵̡̛̰̦̹̞̜͊̈́̿l̸̨̛̪̟̈́̀g̵̛̬̗̜̀o̶',
  BIG,
  '<'.repeat(5000),
  '&lt;script&gt;window.__pwned=32&lt;/script&gt;',
  '&#60;img src=x onerror=window.__pwned=33&#62;',
  '%3Cscript%3Ewindow.__pwned=34%3C/script%3E',
  'data:text/html,<script>window.__pwned=35</script>',
  'vbscript:msgbox(36)',
  '<!--',
  ']]><![CDATA[<script>window.__pwned=38</script>',
  '</textarea><script>window.__pwned=39</script>',
  '</title><script>window.__pwned=40</script>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=41>">',
  '<template><script>window.__pwned=42</script></template>',
  '"; window.__pwned=43; "',
  "'); window.__pwned=44; ('",
  '\\"><img src=x onerror=window.__pwned=45>',
  '__proto__',
  'constructor',
  'toString',
  'line1\nline2\r\nline3\ttab',
];

/** The hostile strings as label and annotation maps (`l0`/`a0`, …) and as env vars (`E0`, …). */
export function hostileMaps(): { labels: Record<string, string>; annotations: Record<string, string>; env: { name: string; value: string }[] } {
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  HOSTILE.forEach((v, i) => {
    labels[`l${i}`] = v;
    annotations[`a${i}`] = v;
  });
  return { labels, annotations, env: HOSTILE.map((v, i) => ({ name: `E${i}`, value: v })) };
}
