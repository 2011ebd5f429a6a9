// The page's texts: the host sends a message catalog (id → text in the reader's language) with
// every init; `{name}` placeholders are filled from `args`. An id without a text shows as itself.

export interface Localizer {
  (id: string, args?: Record<string, string | number>): string;
  strings: Record<string, string>;
}

export function localizer(): Localizer {
  const L = ((id: string, args?: Record<string, string | number>) => {
    const s = L.strings[id] ?? id;
    return args ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m)) : s;
  }) as Localizer;
  L.strings = {};
  return L;
}
