/** The part of autocannon's API the benches use (the package ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    /** Concurrent connections. */
    connections?: number;
    /** Seconds. */
    duration?: number;
  }
  interface AutocannonResult {
    /** Requests per second: `average` over the run. */
    requests: { average: number };
    non2xx: number;
    errors: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
