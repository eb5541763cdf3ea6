/** Growing typed arrays: the token index and its counts grow as words are met, and typed arrays do not. */
type Typed = Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array;

/** A copy of `a` at least `length` long (twice its length, or more), the new places set to `fill`. */
export function doubled<T extends Typed>(a: T, length = a.length * 2, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(length, a.length * 2));
  if (fill) b.fill(fill);
  b.set(a);
  return b;
}
