// Runtime shape checks that also state a static type: one declaration gives both the TypeScript
// type of a value and the test that an `unknown` (say, JSON an editor sent back) has that type.
// Objects may carry keys a shape does not name; the keys it names are checked.
import { isObj } from '../k8s/guards';

/** Checks that a value has type `T`. */
export type Shape<T> = (v: unknown) => v is T;

/** The type a shape checks for. */
export type ShapeType<S> = S extends Shape<infer T> ? T : never;

export const str: Shape<string> = (v): v is string => typeof v === 'string';
export const num: Shape<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
export const bool: Shape<boolean> = (v): v is boolean => typeof v === 'boolean';
/** Anything at all: a value copied from the manifest as it was written. */
export const anything: Shape<unknown> = (_v): _v is unknown => true;

/** One of the given literal values. */
export function lit<const L extends readonly (string | number | boolean)[]>(...values: L): Shape<L[number]> {
  return (v): v is L[number] => values.includes(v as L[number]);
}

/** A value of either shape. */
export function either<A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> {
  return (v): v is A | B => a(v) || b(v);
}

/** Absent (or `undefined`, as a rule may write it) or of the shape. */
export function opt<T>(s: Shape<T>): Shape<T | undefined> {
  return (v): v is T | undefined => v === undefined || s(v);
}

export function arr<T>(s: Shape<T>): Shape<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every((x) => s(x));
}

/** A plain object whose every value has the shape. */
export function rec<T>(s: Shape<T>): Shape<Record<string, T>> {
  return (v): v is Record<string, T> => isObj(v) && Object.values(v).every((x) => s(x));
}

/** A path into a manifest: keys and array indices. */
export const path: Shape<(string | number)[]> = arr(either(str, num));

type Fields = Record<string, Shape<unknown>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: undefined extends ShapeType<F[K]> ? K : never }[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] };
/** The object type of a field table: fields whose shape allows `undefined` are optional. */
export type ObjType<F extends Fields> = Flatten<{ [K in Exclude<keyof F, OptionalKeys<F>>]: ShapeType<F[K]> } & { [K in OptionalKeys<F>]?: ShapeType<F[K]> }>;

/** A plain object with these fields (and perhaps others). */
export function obj<F extends Fields>(fields: F): Shape<ObjType<F>> {
  const entries = Object.entries(fields);
  return (v): v is ObjType<F> => isObj(v) && entries.every(([k, s]) => s((v as Record<string, unknown>)[k]));
}

/** Matches nothing: for a rule code that attaches no data. */
export const none: Shape<never> = (_v): _v is never => false;
