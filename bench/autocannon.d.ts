/** The part of autocannon's API the benches use (the package ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  export interface AutocannonOptions {
    url: string;
    /** Concurrent connections. */
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Requests per second over all connections (paced load); default: as fast as answered. */
    overallRate?: number;
  }
  export interface AutocannonResult {
    /** Requests per second: `average` over the run. */
    requests: { average: number; total: number };
    non2xx: number;
    errors: number;
  }
  /** The run: a promise of its result that can also be stopped early (it then resolves at once). */
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult> & { stop(): void };
  export default autocannon;
}
