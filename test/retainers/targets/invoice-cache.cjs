// A module-level Map that keeps one rendering in ten: the leak of issue 17's example.
const invoiceCache = new Map();
function renderInvoice(id) {
  const text = `invoice ${id}: ${'line item '.repeat(40)}`;
  if (id % 10 === 0) invoiceCache.set(id, text);
  return text.length;
}
module.exports = { renderInvoice };
