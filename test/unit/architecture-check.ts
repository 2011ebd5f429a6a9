// Reads the imports of every source file with the TypeScript parser and holds them against the
// table of architecture-rules.ts: forbidden layer crossings, forbidden packages, and cycles
// between the core's areas.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { CORE_LAYERS, EXCEPTIONS, IGNORED, LAYERS, SOURCE_ROOTS, type Exception } from './architecture-rules';

/** One import found in a source file. */
export interface Import {
  /** The importing file, relative to the repository root with '/' separators. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The file it resolves to (relative, '/' separators), for a relative specifier. */
  file?: string;
  /** The package name (`yaml`, `@scope/name`, `node:fs`) for a bare specifier. */
  pkg?: string;
  /** True when the import is erased at build time (types only). */
  typeOnly: boolean;
  line: number;
}

export interface Violation {
  imp: Import;
  reason: string;
  /** The rule broken, in ARCHITECTURE.md's words. */
  why: string;
}

/** A cycle between core areas, with the imports that make each of its edges. */
export interface AreaCycle {
  areas: string[];
  edges: Import[];
}

export interface ArchReport {
  files: string[];
  imports: Import[];
  violations: Violation[];
  /** Exceptions of the table that no import needs any more. */
  staleExceptions: Exception[];
  /** area → areas it imports (type-only imports included: they still tie the areas together). */
  areaGraph: Map<string, Set<string>>;
  cycles: AreaCycle[];
}

const BUILTINS = new Set(builtinModules);

/** The shipped TypeScript files the check reads, relative to `root`. */
export function listSources(root: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    for (const name of readdirSync(abs).sort()) {
      const child = `${rel}${name}`;
      if (statSync(path.join(root, child)).isDirectory()) {
        if (name !== 'node_modules' && name !== 'dist') visit(`${child}/`);
      } else if (/\.(ts|tsx|mts|cts)$/.test(name) && !IGNORED.some((re) => re.test(`/${child}`))) {
        out.push(child);
      }
    }
  };
  for (const r of SOURCE_ROOTS) visit(r);
  return out;
}

function resolveRelative(root: string, fromFile: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  const stem = base.replace(/\.(c|m)?js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${base}/index.ts`];
  for (const c of candidates) {
    const abs = path.join(root, c);
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  return undefined;
}

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  if (BUILTINS.has(spec.split('/')[0])) return `node:${spec}`;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every import of one file: static imports and re-exports, `import()`, `require()`, `import x = require()`, `import('…')` types. */
export function importsOf(root: string, file: string, text = readFileSync(path.join(root, file), 'utf8')): Import[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (node: ts.Node, specNode: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specNode || !ts.isStringLiteralLike(specNode)) return;
    const specifier = specNode.text;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const imp: Import = { from: file, specifier, typeOnly, line };
    if (specifier.startsWith('.'))
      imp.file = resolveRelative(root, file, specifier) ?? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    else imp.pkg = packageName(specifier);
    out.push(imp);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const under = (file: string, prefix: string) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix);

function checkLayer(imp: Import): Violation | undefined {
  const rule = LAYERS.find((l) => imp.from.startsWith(l.folder));
  if (!rule) return undefined;
  const why = rule.why;
  if (imp.file !== undefined) {
    const allowed = imp.typeOnly ? (rule.mayImportTypes ?? rule.mayImport) : rule.mayImport;
    if (allowed.some((p) => under(imp.file!, p))) return undefined;
    const what = imp.typeOnly ? 'types' : 'code';
    return { imp, why, reason: `imports ${what} from ${imp.file}; ${rule.folder} may import ${what} only from ${allowed.join(', ')}` };
  }
  const pkg = imp.pkg!;
  if (rule.onlyPackages && !rule.onlyPackages.some((re) => re.test(pkg))) {
    return {
      imp,
      why,
      reason: `imports the package ${pkg}; ${rule.folder} may import no package${rule.onlyPackages.length ? ` but ${rule.onlyPackages.join(', ')}` : ''}`,
    };
  }
  if (rule.forbiddenPackages?.some((re) => re.test(pkg))) return { imp, why, reason: `imports the forbidden package ${pkg}` };
  const typeOnly = rule.typeOnlyPackages?.find((t) => t.pkg.test(pkg));
  if (typeOnly && !imp.typeOnly && !typeOnly.loadedBy?.some((p) => under(imp.from, p))) {
    return { imp, why, reason: `imports code from ${pkg}, which ${rule.folder} may import only as types (${typeOnly.why})` };
  }
  return undefined;
}

/** A core area may import only the areas below it in CORE_LAYERS. */
function checkCoreLayering(imp: Import): Violation | undefined {
  const a = areaOf(imp.from);
  const b = imp.file && areaOf(imp.file);
  if (!a || !b || a === b) return undefined;
  const why = 'an area of core/ imports only the areas below it (CORE_LAYERS in test/unit/architecture-rules.ts)';
  for (const area of [a, b]) {
    if (!CORE_LAYERS.includes(area)) return { imp, why, reason: `core area '${area}' is not in CORE_LAYERS: place it in the layering` };
  }
  if (CORE_LAYERS.indexOf(a) > CORE_LAYERS.indexOf(b)) return undefined;
  return { imp, why, reason: `core area '${a}' imports '${b}', which sits above it` };
}

/** The core area of a file: the first folder under core/, or the top-level file itself. */
export function areaOf(file: string): string | undefined {
  if (!file.startsWith('core/')) return undefined;
  const rest = file.slice('core/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest.replace(/\.ts$/, '') : rest.slice(0, slash);
}

/** Strongly connected components of more than one area (Tarjan), each with the imports inside it. */
function findCycles(graph: Map<string, Set<string>>, imports: Import[]): AreaCycle[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sccs: string[][] = [];
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) sccs.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return sccs.map((areas) => {
    const inside = new Set(areas);
    const edges = imports.filter((i) => {
      const a = areaOf(i.from);
      const b = i.file && areaOf(i.file);
      return a && b && a !== b && inside.has(a) && inside.has(b);
    });
    return { areas, edges };
  });
}

/** Scans the tree under `root` and checks it. */
export function checkArchitecture(root: string): ArchReport {
  const files = listSources(root);
  const imports = files.flatMap((f) => importsOf(root, f));
  const used = new Set<Exception>();
  const violations: Violation[] = [];
  for (const imp of imports) {
    for (const v of [checkLayer(imp), checkCoreLayering(imp)]) {
      if (!v) continue;
      const ex = EXCEPTIONS.find((e) => e.from === imp.from && e.to === imp.file);
      if (ex) used.add(ex);
      else violations.push(v);
    }
  }
  const staleExceptions = EXCEPTIONS.filter((e) => !used.has(e));
  const areaGraph = new Map<string, Set<string>>();
  for (const f of files) {
    const a = areaOf(f);
    if (a && !areaGraph.has(a)) areaGraph.set(a, new Set());
  }
  for (const i of imports) {
    const a = areaOf(i.from);
    const b = i.file && areaOf(i.file);
    if (a && b && a !== b) areaGraph.get(a)!.add(b);
  }
  return { files, imports, violations, staleExceptions, areaGraph, cycles: findCycles(areaGraph, imports) };
}

export function formatImport(i: Import): string {
  return `${i.from}:${i.line} → ${i.file ?? i.pkg}${i.typeOnly ? ' (type)' : ''}`;
}

export function formatViolation(v: Violation): string {
  return `${formatImport(v.imp)}: ${v.reason}\n    (${v.why})`;
}

export function formatCycle(c: AreaCycle): string {
  return `cycle between ${c.areas.join(', ')}:\n${c.edges.map((e) => `    ${areaOf(e.from)} → ${areaOf(e.file!)}: ${formatImport(e)}`).join('\n')}`;
}
