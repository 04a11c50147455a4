// The bindings one statement read, by name: a map of a few entries, kept by
// every statement of a document. A `Map` of two names holds a hash table of
// about 300 bytes; this holds the bindings themselves (each knows its name).
import type { Binding } from './context';

export class ReadBindings implements ReadonlyMap<string, Binding> {
  constructor(private readonly bindings: readonly Binding[]) {}

  get size(): number {
    return this.bindings.length;
  }

  get(name: string): Binding | undefined {
    for (const binding of this.bindings) if (binding.name === name) return binding;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(visit: (binding: Binding, name: string, map: ReadonlyMap<string, Binding>) => void, thisArg?: unknown): void {
    for (const binding of this.bindings) visit.call(thisArg, binding, binding.name, this);
  }

  *entries(): MapIterator<[string, Binding]> {
    for (const binding of this.bindings) yield [binding.name, binding];
  }

  *keys(): MapIterator<string> {
    for (const binding of this.bindings) yield binding.name;
  }

  *values(): MapIterator<Binding> {
    yield* this.bindings;
  }

  [Symbol.iterator](): MapIterator<[string, Binding]> {
    return this.entries();
  }
}
