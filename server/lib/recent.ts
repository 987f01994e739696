/**
 * Puts `value` under `key` as the most recently used entry of `map` (a Map keeps insertion order), then
 * lets the least recently used go while there are more than `max`: the few large results kept per
 * database handle (reports, per-agency inputs, rankings) are bounded this way.
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key)
  map.set(key, value)
  while (map.size > max) map.delete(map.keys().next().value!)
  return value
}
