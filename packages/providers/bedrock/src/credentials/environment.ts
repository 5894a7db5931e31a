/** The process environment, or what `bedrock({ env })` was given instead: read, never written. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** An environment variable's value; unset and empty are the same. */
export function variable(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
