import { describe, expect, it, vi } from 'vitest';
import { PremiaError } from './errors';
import type { RpcReply, RpcRequest } from './rpc';
import { RPC_ERRORS } from './rpc';
import type { RpcPeer, RpcPeerOptions } from './rpc-peer';
import { createRpcPeer } from './rpc-peer';

/** Lets every message already posted be delivered and answered (they travel on microtasks). */
const delivered = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Two peers joined directly, each message cloned as a process boundary would. */
function joined(
  left: Partial<RpcPeerOptions> = {},
  right: Partial<RpcPeerOptions> = {},
): { a: RpcPeer; b: RpcPeer } {
  const noAnswer = async (request: RpcRequest): Promise<RpcReply> => ({
    jsonrpc: '2.0',
    id: request.id,
    error: { code: RPC_ERRORS.methodNotFound, message: `Method not found: ${request.method}` },
  });
  const peers: { a?: RpcPeer; b?: RpcPeer } = {};
  peers.a = createRpcPeer({
    answer: noAnswer,
    ...left,
    post: (m) => queueMicrotask(() => peers.b?.receive(structuredClone(m))),
  });
  peers.b = createRpcPeer({
    answer: noAnswer,
    ...right,
    post: (m) => queueMicrotask(() => peers.a?.receive(structuredClone(m))),
  });
  return { a: peers.a, b: peers.b };
}

describe('createRpcPeer', () => {
  it('matches each answer to its request, whatever order the answers come in', async () => {
    const release: Array<() => void> = [];
    const { a } = joined(
      {},
      {
        answer: (request) =>
          new Promise((resolve) =>
            release.push(() => resolve({ jsonrpc: '2.0', id: request.id, result: request.params })),
          ),
      },
    );
    const first = a.request('echo', 'one');
    const second = a.request('echo', 'two');
    await delivered();
    expect(release).toHaveLength(2);
    release[1]!();
    release[0]!();
    await expect(first).resolves.toBe('one');
    await expect(second).resolves.toBe('two');
    expect(a.waiting).toBe(0);
  });

  it('rejects with the PremiaError the other end answered', async () => {
    const { a } = joined(
      {},
      {
        answer: async (request) => ({
          jsonrpc: '2.0',
          id: request.id,
          error: {
            code: RPC_ERRORS.app,
            message: 'Another Premia is using this data folder',
            data: { code: 'unavailable', message: 'Another Premia is using this data folder' },
          },
        }),
      },
    );
    const failure = await a.request('services.open').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PremiaError);
    expect(failure).toMatchObject({
      code: 'unavailable',
      message: 'Another Premia is using this data folder',
    });
  });

  it('lets either end ask the other on the same channel', async () => {
    const { a, b } = joined(
      { answer: async (r) => ({ jsonrpc: '2.0', id: r.id, result: 'from a' }) },
      { answer: async (r) => ({ jsonrpc: '2.0', id: r.id, result: 'from b' }) },
    );
    const [fromB, fromA] = await Promise.all([a.request('x'), b.request('y')]);
    expect(fromB).toBe('from b');
    expect(fromA).toBe('from a');
  });

  it('hands notifications to the listener without answering them', async () => {
    const notified = vi.fn();
    const answer = vi.fn();
    const { a } = joined({}, { notified, answer });
    a.notify('event', { type: 'notice' });
    await delivered();
    expect(notified).toHaveBeenCalledWith('event', { type: 'notice' });
    expect(answer).not.toHaveBeenCalled();
  });

  it('answers a malformed request as invalid, to its id, rather than dropping it', async () => {
    const posted: unknown[] = [];
    const peer = createRpcPeer({ post: (m) => posted.push(m), answer: vi.fn() });
    peer.receive({ jsonrpc: '1.0', id: 7, method: 'x' });
    expect(posted).toEqual([
      {
        jsonrpc: '2.0',
        id: 7,
        error: expect.objectContaining({ code: RPC_ERRORS.invalidRequest }),
      },
    ]);
  });

  it('still answers when the answerer throws, without the thrown detail', async () => {
    const posted: unknown[] = [];
    const log = vi.fn();
    const peer = createRpcPeer({
      post: (m) => posted.push(m),
      answer: () => Promise.reject(new Error('disk path /home/someone/secret')),
      log,
    });
    peer.receive({ jsonrpc: '2.0', id: 3, method: 'x' });
    await delivered();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ id: 3, error: { data: { code: 'internal' } } });
    expect(JSON.stringify(posted)).not.toContain('secret');
    expect(log).toHaveBeenCalled();
  });

  it('ignores, and logs, answers to no waiting request and messages of no known shape', () => {
    const log = vi.fn();
    const peer = createRpcPeer({ post: vi.fn(), answer: vi.fn(), log });
    peer.receive({ jsonrpc: '2.0', id: 99, result: 1 });
    peer.receive('text');
    peer.receive({ jsonrpc: '2.0', id: 1 });
    expect(log).toHaveBeenCalledTimes(3);
  });

  it('fails every waiting request when stopped, and every later one', async () => {
    const peer = createRpcPeer({ post: vi.fn(), answer: vi.fn() });
    const waiting = peer.request('x');
    const gone = new PremiaError('unavailable', 'The services have stopped.');
    peer.stop(gone);
    await expect(waiting).rejects.toBe(gone);
    await expect(peer.request('y')).rejects.toBe(gone);
    expect(peer.waiting).toBe(0);
  });

  it('fails a request at once when the channel refuses to send it', async () => {
    const peer = createRpcPeer({
      post: () => {
        throw new Error('channel closed');
      },
      answer: vi.fn(),
    });
    await expect(peer.request('x')).rejects.toMatchObject({ code: 'unavailable' });
    expect(peer.waiting).toBe(0);
  });
});
