import { PassThrough } from 'node:stream';
import { constants, createDeflate, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DICTIONARY, SpdyConnection } from './spdy.js';

const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const control = (type: number, flags: number, body: Buffer) => Buffer.concat([Buffer.from([0x80, 3, 0, type, flags, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
const dataFrame = (id: number, flags: number, body: Buffer) => Buffer.concat([u32(id), Buffer.from([flags, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
const pairs = (headers: Record<string, string>) =>
  Buffer.concat([u32(Object.keys(headers).length), ...Object.entries(headers).flatMap(([k, v]) => [u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v)])]);

/** A client's connection: what the server wrote, frame by frame, and a way to send it frames. */
function connect() {
  const socket = new PassThrough();
  const written: Buffer[] = [];
  socket.write = ((chunk: Buffer) => written.push(Buffer.from(chunk))) as never;
  const events: unknown[] = [];
  const server = new SpdyConnection(socket, { opened: (id, headers) => events.push({ id, headers }), data: (id, data, fin) => events.push({ id, data: data.toString(), fin }) });
  return { socket, written, events, server };
}

describe('SPDY/3.1 server side', () => {
  it('reads SYN_STREAM headers from one zlib stream across frames, and DATA with FIN', async () => {
    const { socket, events } = connect();
    // the client's compressor: one zlib stream for the connection, sync-flushed after each header block
    const deflate = createDeflate({ dictionary: DICTIONARY });
    const out: Buffer[] = [];
    deflate.on('data', (c: Buffer) => out.push(c));
    const compress = async (headers: Record<string, string>) => {
      deflate.write(pairs(headers));
      await new Promise((done) => deflate.flush(constants.Z_SYNC_FLUSH, () => done(undefined)));
      return Buffer.concat(out.splice(0));
    };
    const syn = (id: number, block: Buffer) => control(1, 0, Buffer.concat([u32(id), u32(0), Buffer.from([0, 0]), block]));
    socket.emit('data', syn(1, await compress({ port: '8080', streamtype: 'error', requestid: '0' })));
    // the second frame and a DATA frame, in two chunks that cut a frame's header
    const frame = Buffer.concat([syn(3, await compress({ port: '8080', streamtype: 'data', requestid: '0' })), dataFrame(3, 1, Buffer.from('GET / HTTP/1.1\r\n\r\n'))]);
    socket.emit('data', frame.subarray(0, 11));
    socket.emit('data', frame.subarray(11));
    expect(events).toEqual([
      { id: 1, headers: { port: '8080', streamtype: 'error', requestid: '0' } },
      { id: 3, headers: { port: '8080', streamtype: 'data', requestid: '0' } },
      { id: 3, data: 'GET / HTTP/1.1\r\n\r\n', fin: true },
    ]);
  });

  it('answers SYN_REPLY with header blocks a zlib inflater with the dictionary reads, PING with PING, and sends DATA', () => {
    const { socket, written, server } = connect();
    server.reply(1);
    server.reply(3);
    const blocks = written.map((f) => f.subarray(12));
    expect(written.map((f) => [f.readUInt16BE(2), f.readUInt32BE(8)])).toEqual([[2, 1], [2, 3]]);
    expect(inflateSync(Buffer.concat(blocks), { dictionary: DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH })).toEqual(Buffer.alloc(8)); // two empty header lists
    socket.emit('data', control(6, 0, u32(7)));
    expect(written[2]).toEqual(control(6, 0, u32(7)));
    server.send(3, Buffer.from('ok'), true);
    expect(written[3]).toEqual(dataFrame(3, 1, Buffer.from('ok')));
  });
});
