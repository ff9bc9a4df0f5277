import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Marks where a value goes while a query is compiled: no real value starts with a NUL. */
const SLOT = '\u0000slot:';

interface Compiled<A> {
  query: CompiledQuery;
  /** Which parameter takes which argument. */
  slots: Array<[index: number, name: keyof A]>;
}

/**
 * A query that Kysely builds and compiles once per database, then runs with
 * new values. Kysely builds an operation tree and compiles it to SQL on every
 * call, which an uncached page would pay again for each of its queries.
 * Here the query is built once with a marker in place of each
 * argument; each run copies the compiled parameter list with the values in
 * the markers' places.
 *
 * `build` must give the same SQL whatever the values: use each argument only
 * as a value (in where, limit, offset), never to choose what to build.
 */
export class CompiledOnce<A extends Record<string, unknown>, R> {
  private readonly compiled = new WeakMap<Kysely<Database>, Compiled<A>>();

  constructor(
    private readonly names: ReadonlyArray<keyof A & string>,
    private readonly build: (db: Kysely<Database>, args: A) => Compilable<R>,
  ) {}

  private compile(db: Kysely<Database>): Compiled<A> {
    const markers = Object.fromEntries(this.names.map((name) => [name, `${SLOT}${name}`])) as unknown as A;
    const query = this.build(db, markers).compile();
    const slots: Compiled<A>['slots'] = [];
    query.parameters.forEach((value, index) => {
      if (typeof value === 'string' && value.startsWith(SLOT)) slots.push([index, value.slice(SLOT.length) as keyof A]);
    });
    const missing = this.names.filter((name) => !slots.some(([, used]) => used === name));
    if (missing.length > 0) throw new Error(`CompiledOnce: ${missing.join(', ')} never reach(es) the SQL as a parameter`);
    return { query, slots };
  }

  /** The rows, as `build(db, args).execute()` would give them. Only the arguments named at construction are read. */
  async execute(db: Kysely<Database>, args: A): Promise<R[]> {
    let compiled = this.compiled.get(db);
    if (!compiled) this.compiled.set(db, (compiled = this.compile(db)));
    const parameters = compiled.query.parameters.slice();
    for (const [index, name] of compiled.slots) parameters[index] = args[name];
    const result = await db.executeQuery<R>({ ...compiled.query, parameters });
    return result.rows;
  }
}
