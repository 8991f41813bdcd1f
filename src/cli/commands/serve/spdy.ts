import type { Duplex } from 'node:stream';
import { constants, inflateSync } from 'node:zlib';

/**
 * SPDY/3.1 (draft-mbelshe-httpbis-spdy-00, 3.1 flow control aside), the framing kubectl's port-forward speaks over an
 * upgraded connection: streams opened with SYN_STREAM, answered with SYN_REPLY, data in DATA frames ended by FIN.
 * Header blocks are zlib streams primed with the protocol's dictionary, one stream per direction and connection.
 */
const CONTROL = 0x80;
const VERSION = 3;
const SYN_STREAM = 1;
const SYN_REPLY = 2;
const PING = 6;
const GOAWAY = 7;
const FLAG_FIN = 0x01;
/** An empty, non-final stored deflate block: the end of a zlib sync flush. */
const SYNC_FLUSH = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/** The dictionary of SPDY/3 header compression (spec section 2.6.10.1): length-prefixed words, then one text. */
export const DICTIONARY = Buffer.concat([
  ...[
    'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
    'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
    'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
    'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
    'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
    'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
    'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive',
    'origin',
  ].map((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length);
    return Buffer.concat([length, Buffer.from(word)]);
  }),
  Buffer.from(
    '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
      '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden' +
      '404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
      'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
      'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,public' +
      'privatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.',
  ),
]);

export interface SpdyHandlers {
  /** A stream the client opened, with its headers. */
  opened(id: number, headers: Record<string, string>): void;
  /** Data on a stream; `fin` when the client will send no more on it. */
  data(id: number, data: Buffer, fin: boolean): void;
}

/** One upgraded connection, server side. */
export class SpdyConnection {
  private pending = Buffer.alloc(0);
  /** Every compressed header byte received so far: the client's zlib stream, inflated from its start each time. */
  private compressed = Buffer.alloc(0);
  private inflated = 0;
  private sentHeaders = false;

  constructor(
    private readonly socket: Duplex,
    private readonly handlers: SpdyHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const length = this.pending.readUIntBE(5, 3);
      if (this.pending.length < 8 + length) return;
      const frame = this.pending.subarray(0, 8 + length);
      this.pending = this.pending.subarray(8 + length);
      try {
        this.frame(frame);
      } catch {
        // a frame that cannot be read (bad header block…): the connection ends, never the server
        this.socket.destroy();
        return;
      }
    }
  }

  private frame(frame: Buffer): void {
    const flags = frame[4]!;
    const body = frame.subarray(8);
    if (!(frame[0]! & CONTROL)) return this.handlers.data(frame.readUInt32BE(0) & 0x7fffffff, body, !!(flags & FLAG_FIN));
    const type = frame.readUInt16BE(2);
    if (type === SYN_STREAM) {
      const id = body.readUInt32BE(0) & 0x7fffffff;
      this.handlers.opened(id, this.headers(body.subarray(10)));
      if (flags & FLAG_FIN) this.handlers.data(id, Buffer.alloc(0), true);
    } else if (type === PING) {
      this.control(PING, 0, body);
    } else if (type === GOAWAY) {
      this.socket.end();
    }
    // SETTINGS, WINDOW_UPDATE, RST_STREAM (3), HEADERS: nothing to do for a port-forward's short exchanges
  }

  /** A header block: the client's zlib stream so far, inflated; this block's part read as count, then name/value pairs. */
  private headers(block: Buffer): Record<string, string> {
    this.compressed = Buffer.concat([this.compressed, block]);
    const all = inflateSync(this.compressed, { dictionary: DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const mine = all.subarray(this.inflated);
    this.inflated = all.length;
    const out: Record<string, string> = {};
    let at = 4;
    for (let n = mine.readUInt32BE(0); n > 0; n--) {
      const name = mine.subarray(at + 4, at + 4 + mine.readUInt32BE(at)).toString();
      at += 4 + name.length;
      const length = mine.readUInt32BE(at);
      out[name.toLowerCase()] = mine.subarray(at + 4, at + 4 + length).toString();
      at += 4 + length;
    }
    return out;
  }

  /** SYN_REPLY with no headers, which is all a port-forward stream needs. */
  reply(id: number): void {
    const streamId = Buffer.alloc(4);
    streamId.writeUInt32BE(id);
    this.control(SYN_REPLY, 0, Buffer.concat([streamId, this.headerBlock(Buffer.alloc(4))]));
  }

  /**
   * Our header blocks, as a zlib stream of stored (uncompressed) deflate blocks: valid for the client's inflater
   * without a compressor of our own. Each ends with an empty stored block, as a sync flush does: Go's inflater hands
   * over a block's bytes only then (otherwise it reads on for the next block, past the frame). The first one starts
   * the stream: zlib header with the dictionary's id.
   */
  private headerBlock(raw: Buffer): Buffer {
    const stored = Buffer.alloc(5);
    stored.writeUInt16LE(raw.length, 1);
    stored.writeUInt16LE(~raw.length & 0xffff, 3);
    const block = Buffer.concat([stored, raw, SYNC_FLUSH]);
    if (this.sentHeaders) return block;
    this.sentHeaders = true;
    const head = Buffer.alloc(6);
    head[0] = 0x78;
    head[1] = 0x20 + (31 - ((0x78 * 256 + 0x20) % 31));
    head.writeUInt32BE(adler32(DICTIONARY), 2);
    return Buffer.concat([head, block]);
  }

  /** DATA frames (at most 64 KiB each); `fin` on the last ends our side of the stream. */
  send(id: number, data: Buffer, fin = false): void {
    let at = 0;
    do {
      const part = data.subarray(at, at + 0xffff);
      at += part.length;
      const head = Buffer.alloc(8);
      head.writeUInt32BE(id & 0x7fffffff);
      head[4] = fin && at >= data.length ? FLAG_FIN : 0;
      head.writeUIntBE(part.length, 5, 3);
      this.socket.write(Buffer.concat([head, part]));
    } while (at < data.length);
  }

  private control(type: number, flags: number, body: Buffer): void {
    const head = Buffer.alloc(8);
    head[0] = CONTROL;
    head[1] = VERSION;
    head.writeUInt16BE(type, 2);
    head[4] = flags;
    head.writeUIntBE(body.length, 5, 3);
    this.socket.write(Buffer.concat([head, body]));
  }
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
