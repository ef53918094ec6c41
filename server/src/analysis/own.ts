/**
 * Lookups in constant tables by a string from the design. A plain object
 * answers `constructor`, `__proto__`, `toString` or `hasOwnProperty` from
 * Object.prototype (`software: constructor` once read a function as a port
 * number); only the table's own keys count here.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
