/**
 * Appends `value` to the list under `key`, making the list on first use.
 * In place: rebuilding the list per value (`[...(m.get(k) ?? []), v]`) is
 * quadratic in the list's length, and a design can put thousands of items
 * under one key (one tier, one zone, one load balancer's targets).
 */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
