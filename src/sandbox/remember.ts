/**
 * `compute` remembered for the last up to `size` distinct arguments (all forgotten at once when full): under
 * load the same request targets, paths and keys arrive again and again. Only for pure functions whose
 * results are never changed by their users.
 */
export function remembered<T>(compute: (text: string) => T, size = 1024): (text: string) => T {
  let known = new Map<string, T>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    if (known.size >= size) known = new Map();
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}
