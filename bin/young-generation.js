import v8 from 'node:v8';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * The usable size of one semi-space, in bytes: what the young generation
 * holds between two collections. (The new space's `space_size` counts
 * committed memory, which is one semi-space or two, depending on when it
 * is read.)
 */
export function semiSpaceBytes() {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_used_size + space.space_available_size : 0;
}

/**
 * Lets V8's semi-spaces grow under load, but not past `capMb` each. V8
 * reads --semi-space-growth-factor each time it grows the young generation,
 * and never grows it while the factor is 1; so after each collection the
 * factor is set to 2 while a doubling stays within the cap, else 1: 1 MB,
 * 2 MB, then 4 MB with a cap of 4. The size cannot be set outright: V8
 * reads --min- and --max-semi-space-size only when the process starts.
 * Collections are reported asynchronously, so a burst of allocation in one
 * synchronous stretch may double the size once more before the factor is
 * lowered: at most twice the cap.
 */
export function capSemiSpaces(capMb) {
  let factor = 0;
  const limitGrowth = () => {
    const size = semiSpaceBytes();
    const next = size > 0 ? Math.max(1, Math.min(2, Math.floor((capMb * 1048576) / size))) : 1;
    if (next === factor) return;
    v8.setFlagsFromString(`--semi-space-growth-factor=${next}`);
    factor = next;
  };
  limitGrowth();
  new PerformanceObserver(limitGrowth).observe({ entryTypes: ['gc'] });
}
