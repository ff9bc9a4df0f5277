import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import proxyAddr from '@fastify/proxy-addr';
import type { MediaStorageSettings } from '../services/storage/open-storage.ts';

/** Whether one entry names a proxy as Fastify's trustProxy (proxy-addr) understands it. */
function isProxyAddress(entry: string): boolean {
  try {
    proxyAddr.compile(entry);
    return true;
  } catch {
    return false;
  }
}

/** TRUST_PROXY: 0 (or unset) trusts no proxy; 1 trusts one on this machine (loopback); else a comma-separated list. */
const TrustProxy = z
  .string()
  .trim()
  .default('0')
  .transform((value, ctx) => {
    if (value === '0' || value === '') return [];
    if (value === '1') return ['loopback'];
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries.filter((e) => !isProxyAddress(e))) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" không phải địa chỉ IP, dải CIDR (10.0.0.0/8) hay loopback, linklocal, uniquelocal` });
    }
    return entries;
  });

/**
 * Every environment variable xaphuong reads, validated once at start-up.
 * All problems are reported together so an operator fixes them in one go.
 * Editors' settings live in the database, not here.
 */
const EnvSchema = z.object({
  // HTTP port the portal listens on.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Address to bind; 0.0.0.0 serves every interface.
  HOST: z.string().min(1).default('0.0.0.0'),
  // Folder for the SQLite file and uploaded media.
  XAPHUONG_DATA: z.string().min(1).default('data'),
  // postgres://user:pass@host:5432/db to use PostgreSQL; unset means embedded SQLite in XAPHUONG_DATA.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
    .optional(),
  // Create the demo site "Phường 1" on first start when no site exists: 1 or 0.
  XAPHUONG_DEMO: z.enum(['0', '1']).optional(),
  // Reverse proxies whose X-Forwarded-For/-Proto/-Host are believed: 127.0.0.1,10.0.0.0/8 style; 1 = loopback only; 0 = none.
  TRUST_PROXY: TrustProxy,
  // Log level: fatal, error, warn, info, debug, trace or silent.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Memory for the page cache of each process, in MB; 0 turns the cache off.
  XAPHUONG_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  // Worker processes sharing the port; default: one per CPU core in production, 1 otherwise.
  XAPHUONG_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  // smtp://user:pass@mail.example.vn:587 or smtps://… to send notification mail; unset: notifications stay in the newsroom.
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/, 'phải bắt đầu bằng smtp:// hoặc smtps://')
    .optional(),
  // The sender of notification mail: "Cổng thông tin <no-reply@tinh.gov.vn>" or a bare address.
  SMTP_FROM: z.string().trim().min(3).max(200).optional(),
  // An S3-compatible bucket (AWS, MinIO, Ceph RGW) for media instead of XAPHUONG_DATA/media; what several nodes share.
  XAPHUONG_MEDIA_S3_BUCKET: z.string().trim().min(3).max(63).optional(),
  // The object storage's address, http(s)://minio.tinh.gov.vn:9000; unset: AWS S3 itself.
  XAPHUONG_MEDIA_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'phải là địa chỉ http:// hoặc https://' }).optional(),
  // The bucket's region; MinIO and Ceph accept the default.
  XAPHUONG_MEDIA_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  // Keys start with this folder (xaphuong/), so one bucket can hold several installations.
  XAPHUONG_MEDIA_S3_PREFIX: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9_-]+\/)*$/, 'phải là tên thư mục kết thúc bằng /, ví dụ xaphuong/')
    .default(''),
  // 1: the bucket in the path (MinIO, Ceph RGW); 0: in the host name (AWS). Default: 1 when an endpoint is set.
  XAPHUONG_MEDIA_S3_FORCE_PATH_STYLE: z.enum(['0', '1']).optional(),
  // Keys for the bucket; unset: the AWS SDK's own (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, roles).
  XAPHUONG_MEDIA_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  // Port of the Prometheus metrics (/metrics), apart from the public port; unset: no metrics.
  XAPHUONG_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Address the metrics port binds; loopback by default, as the metrics are for the operator's scraper only.
  XAPHUONG_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // production or development; production turns the demo off unless XAPHUONG_DEMO=1.
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  mediaDir: string;
  /** Where media are stored: the folder mediaDir, or a bucket. */
  mediaStorage: MediaStorageSettings;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  seedDemo: boolean;
  /** Addresses and ranges of trusted reverse proxies; empty trusts none. */
  trustProxy: readonly string[];
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  production: boolean;
  cacheBytes: number;
  workers: number;
  /** Where the Prometheus metrics are served; null without XAPHUONG_METRICS_PORT. */
  metrics: { port: number; host: string } | null;
  /** The SMTP server and sender of notification mail; null without SMTP_URL. */
  mail: { url: string; from: string } | null;
}

/** Thrown when the environment is invalid; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The local folder, unless XAPHUONG_MEDIA_S3_BUCKET names a bucket. */
function mediaStorageOf(e: z.infer<typeof EnvSchema>, dir: string): MediaStorageSettings {
  if (!e.XAPHUONG_MEDIA_S3_BUCKET) return { kind: 'local', dir };
  const endpoint = e.XAPHUONG_MEDIA_S3_ENDPOINT ?? null;
  const keys = e.XAPHUONG_MEDIA_S3_ACCESS_KEY_ID && e.XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY;
  return {
    kind: 's3',
    bucket: e.XAPHUONG_MEDIA_S3_BUCKET,
    prefix: e.XAPHUONG_MEDIA_S3_PREFIX,
    region: e.XAPHUONG_MEDIA_S3_REGION,
    endpoint,
    forcePathStyle: e.XAPHUONG_MEDIA_S3_FORCE_PATH_STYLE ? e.XAPHUONG_MEDIA_S3_FORCE_PATH_STYLE === '1' : endpoint !== null,
    credentials: keys ? { accessKeyId: e.XAPHUONG_MEDIA_S3_ACCESS_KEY_ID!, secretAccessKey: e.XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY! } : null,
  };
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (!e.XAPHUONG_MEDIA_S3_ACCESS_KEY_ID !== !e.XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError(['XAPHUONG_MEDIA_S3_ACCESS_KEY_ID và XAPHUONG_MEDIA_S3_SECRET_ACCESS_KEY phải đặt cùng nhau']);
  }
  const dataDir = path.resolve(e.XAPHUONG_DATA);
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    mediaStorage: mediaStorageOf(e, path.join(dataDir, 'media')),
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: path.join(dataDir, 'xaphuong.sqlite') },
    seedDemo: e.XAPHUONG_DEMO ? e.XAPHUONG_DEMO === '1' : !production,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    production,
    cacheBytes: e.XAPHUONG_CACHE_MB * 1024 * 1024,
    workers: e.XAPHUONG_WORKERS ?? (production ? os.availableParallelism() : 1),
    metrics: e.XAPHUONG_METRICS_PORT ? { port: e.XAPHUONG_METRICS_PORT, host: e.XAPHUONG_METRICS_HOST } : null,
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? `no-reply@${new URL(e.SMTP_URL).hostname}` } : null,
  };
}
