/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS test target on purpose */
// Four leaks with known holders, each growing a few hundred KiB a second (issue 17's tests):
// a module-level Map (invoice-cache.cjs), an array a timer's callback closes over, listeners added to an
// EventEmitter and never removed, and an array inside a class instance. Prints "ready" once running.
const { EventEmitter } = require('node:events');
const { renderInvoice } = require('./invoice-cache.cjs');

const pendingRetries = [];
setInterval(function retryPending() {
  if (pendingRetries.length > 1e9) pendingRetries.length = 0;
}, 1000);

const orderEvents = new EventEmitter();
orderEvents.setMaxListeners(0);

class AuditLog {
  constructor() {
    this.entries = [];
  }
  record(entry) {
    this.entries.push(entry);
  }
}
const auditLog = new AuditLog();
module.exports = { auditLog };

let id = 0;
setInterval(() => {
  for (let i = 0; i < 100; i++) renderInvoice(id++);
  for (let i = 0; i < 10; i++) pendingRetries.push({ order: id + i, body: `retry ${id + i} `.repeat(20) });
  for (let i = 0; i < 5; i++) {
    const order = { id: id + i, lines: `order ${id + i} `.repeat(40) };
    orderEvents.on('shipped', function onShipped() {
      return order.id;
    });
  }
  for (let i = 0; i < 10; i++) auditLog.record({ at: Date.now(), what: `audit ${id + i} `.repeat(20) });
}, 10);
console.log('ready');
