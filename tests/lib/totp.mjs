// totp.mjs - RFC 6238 TOTP codes (HMAC-SHA1, 30 s, 6 digits) computed
// with node's crypto, independently of meedoen's own code, for the tests
// of the second factor.
import { createHmac } from 'node:crypto';

export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The current time step (or the one `offset` steps away).
export function step(offset = 0, now = Date.now()) {
  return Math.floor(now / 1000 / 30) + offset;
}

// The code of the base32 secret for time step s.
export function totpAt(secret, s) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(s));
  const h = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

export function totp(secret, offset = 0) {
  return totpAt(secret, step(offset));
}
