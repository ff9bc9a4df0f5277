/** Latency statistics and the size fit of the benchmark. */

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of sorted values, interpolated linearly between ranks. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function latencyStats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    mean: n ? sorted.reduce((s, v) => s + v, 0) / n : Number.NaN,
    min: n ? sorted[0]! : Number.NaN,
    max: n ? sorted[n - 1]! : Number.NaN,
  };
}

export interface SizeFit {
  method: string;
  /** y = coefficient · N^exponent (power law) or y = intercept + slope · N (linear). */
  coefficient: number;
  exponent: number;
  intercept: number;
  slope: number;
  /** The fitted value at the target size. */
  predicted: number;
  at: number;
  points: Array<{ n: number; y: number }>;
}

/**
 * Fits y against corpus size N with least squares, both as a power law on
 * log–log axes (the primary estimate) and as a straight line (what a cost
 * proportional to the corpus would give), and predicts y at `at`.
 */
export function fitSize(points: Array<{ n: number; y: number }>, at: number): { power: SizeFit; linear: SizeFit } {
  const usable = points.filter((p) => p.n > 0 && p.y > 0 && Number.isFinite(p.y));
  const regress = (xs: number[], ys: number[]) => {
    const k = xs.length;
    const mx = xs.reduce((s, v) => s + v, 0) / k;
    const my = ys.reduce((s, v) => s + v, 0) / k;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < k; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    return { slope, intercept: my - slope * mx };
  };
  const nan = Number.NaN;
  if (usable.length < 2) {
    const empty = (method: string): SizeFit => ({ method, coefficient: nan, exponent: nan, intercept: nan, slope: nan, predicted: nan, at, points: usable });
    return { power: empty('power law (not enough points)'), linear: empty('linear (not enough points)') };
  }
  const log = regress(
    usable.map((p) => Math.log(p.n)),
    usable.map((p) => Math.log(p.y)),
  );
  const lin = regress(
    usable.map((p) => p.n),
    usable.map((p) => p.y),
  );
  const coefficient = Math.exp(log.intercept);
  return {
    power: {
      method: `power law y = c·N^b, least squares on ln y vs ln N over N = ${usable.map((p) => p.n).join(', ')}`,
      coefficient,
      exponent: log.slope,
      intercept: nan,
      slope: nan,
      predicted: coefficient * at ** log.slope,
      at,
      points: usable,
    },
    linear: {
      method: `linear y = a + s·N, least squares over N = ${usable.map((p) => p.n).join(', ')}`,
      coefficient: nan,
      exponent: 1,
      intercept: lin.intercept,
      slope: lin.slope,
      predicted: lin.intercept + lin.slope * at,
      at,
      points: usable,
    },
  };
}
