/**
 * A command's id that carries the types of its arguments, so registering, running and linking it are
 * checked by the compiler. Only the id exists at run time.
 */
export type CommandId<Args extends unknown[]> = string & { readonly __commandArguments?: Args };

/** The arguments a command id says its command takes. */
export type ArgumentsOf<Id> = Id extends CommandId<infer Args> ? Args : [];

export function commandId<Args extends unknown[] = []>(id: string): CommandId<Args> {
  return id as CommandId<Args>;
}

/** A context key (`setContext`) whose value is of type `Value`. */
export type ContextKey<Value> = string & { readonly __contextValue?: Value };

export function contextKey<Value>(key: string): ContextKey<Value> {
  return key as ContextKey<Value>;
}
