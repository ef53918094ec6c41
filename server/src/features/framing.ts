/**
 * Watches the bytes an LSP client writes to stdin for framing errors: a
 * header block without a valid `Content-Length`, a negative or huge length,
 * header lines that are not headers (random bytes). The JSON-RPC library
 * reports these and then waits forever for a header that never comes, so
 * the server would stay alive but deaf; on the first one we exit instead,
 * and the client restarts us. Well-framed but malformed JSON is the
 * library's business (it answers with an error and goes on).
 */

/** Larger than any header block a client sends. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Larger than any design anyone edits (the file limit of editors is lower). */
const MAX_CONTENT_LENGTH = 512 * 1024 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

export class FramingMonitor {
  private header = Buffer.alloc(0);
  /** Body bytes still to skip, or -1 while reading headers. */
  private body = -1;

  /** Whether a message has begun and not ended. */
  get midMessage(): boolean {
    return this.body > 0 || this.header.length > 0;
  }

  /** Feeds one chunk; returns the first framing error seen, if any. */
  feed(chunk: Buffer): string | undefined {
    let at = 0;
    while (at < chunk.length) {
      if (this.body >= 0) {
        const take = Math.min(this.body, chunk.length - at);
        this.body -= take;
        at += take;
        if (this.body === 0) this.body = -1;
        continue;
      }
      this.header = Buffer.concat([this.header, chunk.subarray(at)]);
      at = chunk.length;
      const end = this.header.indexOf(HEADER_END);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) return `no end of headers within ${MAX_HEADER_BYTES} bytes`;
        return this.checkPartial(this.header.toString('latin1'));
      }
      const problem = this.readHeaders(this.header.subarray(0, end).toString('latin1'));
      if (problem) return problem;
      const rest = this.header.subarray(end + HEADER_END.length);
      this.header = Buffer.alloc(0);
      if (this.body === 0) this.body = -1;
      if (rest.length) return this.feed(Buffer.from(rest));
    }
    return undefined;
  }

  private readHeaders(block: string): string | undefined {
    let length: number | undefined;
    for (const line of block.split('\r\n')) {
      const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
      if (!m) return `not a header line: ${JSON.stringify(line.slice(0, 80))}`;
      if (m[1]!.toLowerCase() !== 'content-length') continue;
      if (!/^\d{1,10}$/.test(m[2]!.trim())) return `Content-Length is not a length: ${JSON.stringify(m[2]!.slice(0, 40))}`;
      length = Number(m[2]!.trim());
      if (length > MAX_CONTENT_LENGTH) return `Content-Length ${length} is larger than ${MAX_CONTENT_LENGTH}`;
    }
    if (length === undefined) return 'a message without Content-Length';
    this.body = length;
    return undefined;
  }

  /** Headers still arriving: every complete line so far must already be a header. */
  private checkPartial(text: string): string | undefined {
    const lines = text.split('\r\n');
    for (const line of lines.slice(0, -1)) if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(line)) return `not a header line: ${JSON.stringify(line.slice(0, 80))}`;
    const last = lines[lines.length - 1]!;
    if (last.length > 0 && !/^[A-Za-z][A-Za-z0-9-]*(:.*)?\r?$/.test(last)) return `not a header line: ${JSON.stringify(last.slice(0, 80))}`;
    return undefined;
  }
}

/** How long a message may stall half-way before we call the stream broken. */
export const STALL_MS = 30_000;

/**
 * Exits the process on the first framing error on `input` or when a message
 * stalls half-way, logging why to stderr (the client shows it and restarts us).
 */
export function exitOnFramingErrors(input: NodeJS.ReadableStream, log: (message: string) => void, exit: (code: number) => void): void {
  const monitor = new FramingMonitor();
  let stall: NodeJS.Timeout | undefined;
  const fail = (why: string): void => {
    log(`infra-yaml-language-server: framing error on stdin (${why}); exiting so that the client can restart the server.`);
    exit(2);
  };
  input.on('data', (chunk: Buffer | string) => {
    const problem = monitor.feed(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (problem) return fail(problem);
    clearTimeout(stall);
    stall = monitor.midMessage ? setTimeout(() => fail(`a message stalled half-way for ${STALL_MS / 1000} s`), STALL_MS) : undefined;
    stall?.unref();
  });
}
