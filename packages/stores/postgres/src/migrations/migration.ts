/**
 * One schema change. `statements` receive the quoted schema name and run in order inside one
 * transaction, together with the row that records the version, so a migration is applied
 * wholly or not at all. Never edit a shipped migration: its checksum is recorded and a change
 * is refused at start; add the next version instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (schema: string) => readonly string[];
}
