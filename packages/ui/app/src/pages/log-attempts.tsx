import type { LogAttempt, LogRow } from './spend-api.ts';

/**
 * The attempts to show for a row: the router's own list, or, for a row written before attempts
 * were stored, the one attempt the row itself describes (its deployment, status and duration).
 */
export function attemptsOf(row: LogRow): { readonly attempts: readonly LogAttempt[]; readonly fromRow: boolean } {
  if (row.attempts !== null) return { attempts: row.attempts, fromRow: false };
  if (row.model_id === null) return { attempts: [], fromRow: true };
  const attempt: LogAttempt = {
    model_id: row.model_id,
    model_group: row.model ?? '—',
    status: row.status,
    http_status: row.http_status,
    error_code: row.error_code,
    duration_ms: row.duration_ms,
    fallback: false,
  };
  return { attempts: [attempt], fromRow: true };
}

/** Which deployments the router tried, in order, and how each went: a failover reads as 429 on one, 200 on the next. */
export function LogAttempts({ row }: { row: LogRow }) {
  const { attempts, fromRow } = attemptsOf(row);
  return (
    <section aria-labelledby="log-attempts-title" class="attempts">
      <h3 id="log-attempts-title">
        Attempts <span class="muted">({attempts.length})</span>
      </h3>
      {attempts.length === 0 ? (
        <p class="muted" data-attempts="none">
          {fromRow ? 'Logged before attempts were stored, with no deployment.' : 'No upstream call: the request was refused before routing, or answered from the cache.'}
        </p>
      ) : (
        <table class="data" id="log-attempts">
          <thead>
            <tr>
              <th scope="col" class="num">#</th>
              <th scope="col">Deployment</th>
              <th scope="col">Model group</th>
              <th scope="col">Outcome</th>
              <th scope="col">Error code</th>
              <th scope="col" class="num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((attempt, index) => (
              <tr key={index} data-attempt={index + 1} data-deployment={attempt.model_id}>
                <td class="num">{index + 1}</td>
                <td>
                  <code>{attempt.model_id}</code>
                </td>
                <td>
                  {attempt.model_group}
                  {attempt.fallback ? <span class="chip">fallback</span> : null}
                </td>
                <td>
                  <span class={`badge ${attempt.status === 'success' ? 'badge-ok' : 'badge-bad'}`}>
                    {attempt.http_status} {attempt.status}
                  </span>
                </td>
                <td>{attempt.error_code === null ? '—' : <code>{attempt.error_code}</code>}</td>
                <td class="num">{attempt.duration_ms} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fromRow && attempts.length > 0 ? (
        <p class="muted small" data-attempts="from-row">
          Logged before attempts were stored: the row's own deployment, status and duration.
        </p>
      ) : null}
    </section>
  );
}
