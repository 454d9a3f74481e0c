// routes.mjs - the API route table as the server has it, read from
// http/routes.c, so tests that walk every route (cross-site refusal,
// processing-log coverage) cover a new row without being told.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

const ROW = /\{\s*"([A-Z]+)",\s*"([^"]+)",\s*(\w+),\s*(AUTH_\w+),\s*(BODY_\w+)\s*\}/g;

// [{ method, pattern, handler, auth: 'session'|'setup'|'none', body: 'none'|'json'|'raw' }]
export function routeTable() {
  const text = readFileSync(join(ROOT, 'http', 'routes.c'), 'utf8');
  const rows = [];
  for (const m of text.matchAll(ROW)) {
    rows.push({
      method: m[1],
      pattern: m[2],
      handler: m[3],
      auth: m[4].slice(5).toLowerCase(),
      body: m[5].slice(5).toLowerCase(),
    });
  }
  if (rows.length < 50) throw new Error(`routes.c: only ${rows.length} routes parsed; has the table's shape changed?`);
  return rows;
}

// The routes that change state (every method but GET and HEAD).
export function stateChangingRoutes() {
  return routeTable().filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
}

// Fill a pattern's parameters: ids in order from `ids` (default 1), a
// :token with a well-formed but unknown token.
export function fillPattern(pattern, ids = []) {
  let i = 0;
  return pattern
    .replace(/:id/g, () => String(ids[i++] ?? 1))
    .replace(/:token/g, 'A'.repeat(32));
}
