/**
 * A target script (for `startNodeTarget`) whose promises are awaited three functions deep, outer → middle
 * → inner, on one that never resolves: a new chain every 50 ms. Its lines are asserted on (inner on line 1,
 * its await at 2:9, middle on 4, outer on 7). SIGUSR2 makes it print `state agent=present|absent
 * inspector=open|closed`, to tell whether Hyperscope left anything behind.
 */
export const AWAIT_CHAIN_SCRIPT = `async function inner() {
  await new Promise(() => {});
}
async function middle() {
  await inner();
}
async function outer() {
  await middle();
}
setInterval(() => {
  outer();
}, 50);
process.on('SIGUSR2', () => {
  const agent = globalThis[Symbol.for('hyperscope.agent')] ? 'present' : 'absent';
  console.log('state agent=' + agent + ' inspector=' + (require('node:inspector').url() ? 'open' : 'closed'));
});
console.log('ready');
`;
