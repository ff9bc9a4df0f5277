import client from 'prom-client';

/**
 * The portal's Prometheus metrics, in prom-client's global registry. Each
 * group is registered the first time a process needs it: a process serving
 * HTTP has the request and page-cache metrics, the process running the
 * background jobs has the job and queue metrics. In cluster mode the
 * workers serve and the primary runs the jobs, so the primary's own metrics
 * and the workers' summed ones never name the same metric twice.
 */

/** Where the page cache's figures are read at each scrape (the process's one app). */
export interface PageCacheFigures {
  hits: number;
  misses: number;
  bytes: number;
}

/** What a process serving HTTP records. */
export interface HttpMetrics {
  /** One answered request: its route pattern (not its URL, so labels stay few), status and duration. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** The page cache scraped from now on. */
  readPageCache(figures: () => PageCacheFigures): void;
}

/** The route label of pages answered from the page cache before Fastify routes them. */
export const CACHE_ROUTE = '(bộ nhớ đệm)';

let http: HttpMetrics | null = null;

/** The request, page-cache and process metrics, registered once per process. */
export function httpMetrics(): HttpMetrics {
  if (http) return http;
  client.collectDefaultMetrics({ prefix: 'xaphuong_' });
  const requests = new client.Counter({
    name: 'xaphuong_http_requests_total',
    help: 'Yêu cầu HTTP đã trả lời, theo tuyến và mã trạng thái',
    labelNames: ['method', 'route', 'status'],
  });
  const durations = new client.Histogram({
    name: 'xaphuong_http_request_duration_seconds',
    help: 'Thời gian trả lời yêu cầu HTTP, theo tuyến',
    labelNames: ['route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  let figures: (() => PageCacheFigures) | null = null;
  const seen = { hits: 0, misses: 0 };
  new client.Counter({
    name: 'xaphuong_page_cache_lookups_total',
    help: 'Tra cứu bộ nhớ đệm trang: hit (có sẵn) hoặc miss (phải dựng trang)',
    labelNames: ['result'],
    collect() {
      if (!figures) return;
      const now = figures();
      this.inc({ result: 'hit' }, Math.max(0, now.hits - seen.hits));
      this.inc({ result: 'miss' }, Math.max(0, now.misses - seen.misses));
      Object.assign(seen, { hits: now.hits, misses: now.misses });
    },
  });
  new client.Gauge({
    name: 'xaphuong_page_cache_bytes',
    help: 'Bộ nhớ các trang đang giữ trong bộ nhớ đệm',
    collect() {
      if (figures) this.set(figures().bytes);
    },
  });
  http = {
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ route }, seconds);
    },
    readPageCache(read) {
      figures = read;
      const now = read();
      Object.assign(seen, { hits: now.hits, misses: now.misses });
    },
  };
  return http;
}

/** What the process running the background jobs records. */
export interface JobMetrics {
  /** One run of a job, how long it took, and whether it failed. */
  ran(job: string, seconds: number, failed: boolean): void;
}

let jobs: JobMetrics | null = null;
/** What the queue gauges read: the database of the last startJobs. */
let queueDepths: () => Promise<{ mailQueued: number; scheduledDue: number }> = async () => ({ mailQueued: 0, scheduledDue: 0 });

/** The job metrics and the queue depths (read from the database at each scrape by `depths`), registered once per process. */
export function jobMetrics(depths: () => Promise<{ mailQueued: number; scheduledDue: number }>): JobMetrics {
  queueDepths = depths;
  if (jobs) return jobs;
  const runs = new client.Counter({ name: 'xaphuong_job_runs_total', help: 'Lần chạy việc nền', labelNames: ['job'] });
  const failures = new client.Counter({ name: 'xaphuong_job_failures_total', help: 'Lần chạy việc nền bị lỗi', labelNames: ['job'] });
  const durations = new client.Histogram({
    name: 'xaphuong_job_duration_seconds',
    help: 'Thời gian một lần chạy việc nền',
    labelNames: ['job'],
    buckets: [0.01, 0.1, 1, 10, 60, 600],
  });
  new client.Gauge({
    name: 'xaphuong_queue_depth',
    help: 'Việc đang chờ: thư thông báo trong hàng đợi (mail), bài hẹn giờ đã đến giờ mà chưa đăng (scheduled_due)',
    labelNames: ['queue'],
    async collect() {
      const now = await queueDepths().catch(() => null);
      if (!now) return;
      this.set({ queue: 'mail' }, now.mailQueued);
      this.set({ queue: 'scheduled_due' }, now.scheduledDue);
    },
  });
  jobs = {
    ran(job, seconds, failed) {
      runs.inc({ job });
      if (failed) failures.inc({ job });
      durations.observe({ job }, seconds);
    },
  };
  return jobs;
}

/** The text Prometheus reads: this process's metrics, or in a cluster's primary its own and the sum over its workers. */
export async function metricsText(cluster: client.AggregatorRegistry<client.PrometheusContentType> | null): Promise<string> {
  const own = await client.register.metrics();
  if (!cluster) return own;
  const workers = await cluster.clusterMetrics();
  return `${workers.trimEnd()}\n${own}`;
}

/** Content type of metricsText. */
export const METRICS_CONTENT_TYPE = client.register.contentType;

/** In a cluster's worker: answers the primary's requests for this worker's metrics. */
export function answerPrimary(): void {
  new client.AggregatorRegistry();
}

/** In a cluster's primary: asks every worker for its metrics. */
export function workersRegistry(): client.AggregatorRegistry<client.PrometheusContentType> {
  return new client.AggregatorRegistry();
}
