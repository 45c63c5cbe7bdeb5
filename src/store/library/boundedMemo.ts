/**
 * `compute` with its last `limit` results remembered by key. When full, the oldest entry is
 * dropped (insertion order), which keeps memory bounded for caches fed by scrolling or editing.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, limit: number): (key: K) => V {
  const remembered = new Map<K, V>();
  return (key: K): V => {
    if (remembered.has(key)) return remembered.get(key) as V;
    const value = compute(key);
    if (remembered.size >= limit) remembered.delete(remembered.keys().next().value as K);
    remembered.set(key, value);
    return value;
  };
}
