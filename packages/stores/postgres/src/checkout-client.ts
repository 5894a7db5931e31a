import type pg from 'pg';

export interface CheckedOutClient {
  readonly client: pg.PoolClient;
  /** Returns the client to the pool; a client that failed (or whose state is unknown) is discarded. */
  release(discard?: boolean): void;
}

/**
 * `pool.connect()` with an error listener for as long as the client is held. pg-pool removes
 * its own listener from a checked-out client, so a connection that dies between two queries
 * (a server restart, a cut network) would otherwise emit an unhandled 'error' and crash the
 * process. The failure still reaches the caller: the next query on the client rejects.
 */
export async function checkoutClient(pool: pg.Pool): Promise<CheckedOutClient> {
  const client = await pool.connect();
  let failed = false;
  const onError = () => {
    failed = true;
  };
  client.on('error', onError);
  return {
    client,
    release(discard = false) {
      client.removeListener('error', onError);
      client.release(discard || failed);
    },
  };
}
