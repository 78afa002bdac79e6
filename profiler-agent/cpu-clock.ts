/** CPU time of the calling thread where Node can tell (`process.threadCpuUsage`, Node ≥ 23.9), else the process's. */
type CpuUsageFn = () => { user: number; system: number };

/** Microseconds of CPU used so far (user + system). */
export function cpuMicros(): number {
  const threadUsage = (process as { threadCpuUsage?: CpuUsageFn }).threadCpuUsage;
  const usage = typeof threadUsage === 'function' ? threadUsage.call(process) : process.cpuUsage();
  return usage.user + usage.system;
}
