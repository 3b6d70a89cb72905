import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface SyslogTarget {
  host: string;
  port: number;
  tls: boolean;
  caPem: string | null;
}

/**
 * Sends framed messages over one connection and counts them delivered only once the receiver has closed its side
 * after reading to the end: syslog over TCP has no acknowledgement of its own, and bytes the kernel accepted can
 * still be lost when the connection breaks. Half-closing after the last frame and waiting for the receiver's close
 * proves it read everything (TCP syslog servers such as rsyslog and syslog-ng close at end of stream). Resolves
 * with null when delivered, or with why not.
 */
export function sendSyslog(
  target: SyslogTarget,
  frames: Buffer[],
  timeoutMs: number,
): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    let socket: Socket;
    const finish = (problem: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(
      () =>
        finish(
          `the receiver did not acknowledge within ${timeoutMs} ms (it must close the connection at end of stream)`,
        ),
      timeoutMs,
    );
    const send = () => {
      for (const frame of frames) socket.write(frame);
      socket.end();
    };
    if (target.tls) {
      socket = tlsConnect(
        {
          host: target.host,
          port: target.port,
          servername: isIP(target.host) ? undefined : target.host,
          ...(target.caPem ? { ca: [target.caPem] } : {}),
          rejectUnauthorized: true,
        },
        send,
      );
    } else {
      socket = tcpConnect({ host: target.host, port: target.port }, send);
    }
    let flushed = false;
    let ended = false;
    socket.on('finish', () => {
      flushed = true;
    });
    socket.on('data', () => undefined);
    socket.on('end', () => {
      ended = true;
      // A receiver closing before the last frame left this process closed on the stream, not at its end.
      if (!flushed) finish('the receiver closed the connection before taking every message');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(syslogError(error)));
    socket.on('close', (hadError) => {
      if (hadError) return;
      finish(ended ? null : 'the connection closed before the receiver finished reading');
    });
  });
}

/** Why the connection failed, in words an operator can act on. */
function syslogError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'could not reach the receiver (ECONNREFUSED)';
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
    return `the receiver closed the connection before taking every message (${error.code})`;
  if (error.code && /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS/.test(error.code))
    return `the receiver's TLS certificate was refused (${error.code})`;
  return error.code
    ? `could not reach the receiver (${error.code})`
    : `syslog delivery failed: ${error.message}`;
}
