// raw.mjs - HTTP over a raw socket, for requests fetch would normalise or
// refuse (paths with NUL bytes, odd framing): send the bytes, collect the
// answer as latin1 text until the server closes or `ms` pass.
import net from 'node:net';

export function rawRequest(port, request, ms = 5000) {
  return new Promise((ok, fail) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => ok(data));
    sock.on('error', fail);
    sock.setTimeout(ms, () => { sock.destroy(); ok(data); });
    sock.write(request);
  });
}

// The status code of a raw answer's first status line, 0 when none.
export function statusOf(answer) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
  return m ? Number(m[1]) : 0;
}
