import { ErrorBox } from '../components/error-box.tsx';
import { count, dateTime } from '../format.ts';
import { useApi } from '../use-api.ts';

interface DeploymentHealth {
  readonly id: string;
  readonly model_name: string;
  readonly provider: string;
  readonly state: 'healthy' | 'cooling_down';
  readonly cooldown_until: string | null;
  readonly cooldown_reason: string | null;
  readonly in_flight: number;
  readonly requests_this_minute: number;
  readonly failures_this_minute: number;
  readonly tokens_this_minute: number;
  readonly latency_ms: number | null;
  readonly error_rate: number;
}

/** The router's view of every deployment (`GET /health/deployments`), refreshed every 5 s. */
export function HealthPage() {
  const health = useApi<{ strategy: string; deployments: DeploymentHealth[] }>('/health/deployments', {}, 5_000);
  const rows = health.data?.deployments ?? [];
  const cooling = rows.filter((row) => row.state === 'cooling_down').length;
  return (
    <section aria-labelledby="health-title">
      <div class="page-head">
        <h1 id="health-title">Deployment health</h1>
        <span class="muted">
          {health.data ? `strategy ${health.data.strategy} · ${rows.length} deployments · ${cooling} cooling down` : ''}
        </span>
      </div>
      <ErrorBox error={health.error} />
      <div class="table-wrap">
        <table class="data" id="health-table">
          <thead>
            <tr>
              <th scope="col">Deployment</th>
              <th scope="col">Model group</th>
              <th scope="col">Provider</th>
              <th scope="col">State</th>
              <th scope="col" class="num">In flight</th>
              <th scope="col" class="num">Requests /min</th>
              <th scope="col" class="num">Failures /min</th>
              <th scope="col" class="num">Tokens /min</th>
              <th scope="col" class="num">Latency</th>
              <th scope="col" class="num">Error rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <code>{row.id}</code>
                </th>
                <td>{row.model_name}</td>
                <td>{row.provider}</td>
                <td>
                  {row.state === 'healthy' ? (
                    <span class="badge badge-ok">healthy</span>
                  ) : (
                    <span class="badge badge-warn" title={row.cooldown_reason ?? undefined}>
                      cooling down until {dateTime(row.cooldown_until)}
                    </span>
                  )}
                </td>
                <td class="num">{count(row.in_flight)}</td>
                <td class="num">{count(row.requests_this_minute)}</td>
                <td class="num">{count(row.failures_this_minute)}</td>
                <td class="num">{count(row.tokens_this_minute)}</td>
                <td class="num">{row.latency_ms === null ? '—' : `${Math.round(row.latency_ms)} ms`}</td>
                <td class="num">{(row.error_rate * 100).toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
