// generates a realistic mix of envelope shapes, ~target MB
import { createWriteStream } from 'node:fs';
const target = Number(process.argv[3]) * 1024 * 1024;
const out = createWriteStream(process.argv[2]);
const shapes = [
  (i) => ({ code: 'ORDER_NOT_FOUND', message: `Order with identifier ${i} not found`, resource_type: 'Order', identifier: String(i) }),
  (i) => ({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable', details: { reason: 'maintenance', request_id: `req_${i}` } } }),
  (i) => ({ detail: [{ type: 'missing', loc: ['body', 'companies', i % 10, 'company_name'], msg: 'Field required', input: {} }] }),
  (i) => ({ error: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded. Retry after 60 seconds.', retry_after: 60 }),
  (i) => ({ success: false, error: 'Validation failed', code: 'VALIDATION_ERROR', details: { field: 'email', value: `x${i}`, message: 'Must be a valid email address' }, timestamp: '2026-11-21T10:00:00Z', requestId: `req_${i}` }),
  (i) => ({ code: 'AUTHORIZATION_ERROR', message: 'Missing required scopes: orders:write', details: { required_scopes: ['orders:write'], user_scopes: ['orders:read'] } }),
  (i) => ({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No order ${i}` }),
  (i) => ({ items: [{ id: i, name: 'Acme', status: 'COMPLETED' }], total: 1, limit: 50, offset: 0, has_more: false }),
];
let size = 0, i = 0;
function write() {
  let ok = true;
  while (size < target && ok) {
    let chunk = '';
    for (let k = 0; k < 1000; k++, i++) chunk += JSON.stringify(shapes[i % shapes.length](i)) + '\n';
    size += chunk.length; ok = out.write(chunk);
  }
  if (size < target) out.once('drain', write); else out.end();
}
write();
