/** A new stable list-item id: a prefix and 8 hex digits from a random UUID ("deal-3f2a9c1d"). */
export function newId(prefix: string): string {
  const uuid = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : fallbackUuid();
  return `${prefix}-${uuid.replace(/-/g, '').slice(0, 8)}`;
}

function fallbackUuid(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Makes a unique id even if the random prefix collides with an id already in `taken`. */
export function freshId(prefix: string, taken: Set<string>): string {
  let id = newId(prefix);
  while (taken.has(id)) id = newId(prefix);
  return id;
}
