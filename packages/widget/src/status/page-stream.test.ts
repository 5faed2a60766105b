// @vitest-environment happy-dom
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockLive, liveStreamOf, publish } from '../mocks/live-stream.js';
import { MOCK_API } from '../mocks/mock-http.js';
import { joinPageStream, openPageStreams, tokenSubject, type PageStreamListener, type PageStreamMember } from './page-stream.js';

const live = createMockLive();
const server = setupServer(liveStreamOf(live));
const joined: PageStreamMember[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const member of joined.splice(0)) member.leave();
});
afterAll(() => server.close());

const base64url = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: object) => `${base64url({ alg: 'ES256', typ: 'at+jwt' })}.${base64url(claims)}.signature`;
const gp = { iss: 'https://journal.example', sub: 'mette', org: { id: '045678' } };

function join(token: string) {
  const listener = { onEvent: vi.fn(), onConnected: vi.fn(), onDisconnected: vi.fn() } satisfies PageStreamListener;
  const member = joinPageStream({ apiUrl: `${MOCK_API}/`, getToken: () => token }, listener);
  joined.push(member);
  return { member, listener };
}

describe('the page stream', () => {
  it('groups tokens by issuer, subject, organisation and bound patient, not by the token', () => {
    const first = jwt({ ...gp, iat: 1, patient: { cpr: '010190-2345' } });
    const renewed = jwt({ ...gp, iat: 2, patient: { cpr: '010190-2345' } });
    expect(tokenSubject(first)).toBe(tokenSubject(renewed));
    expect(tokenSubject(first)).not.toBe(tokenSubject(jwt({ ...gp, patient: { cpr: '120345-1234' } })));
    expect(tokenSubject(first)).not.toBe(tokenSubject(jwt({ ...gp, sub: 'jens', patient: { cpr: '010190-2345' } })));
    expect(tokenSubject(first)).not.toBe(tokenSubject(jwt({ ...gp, org: { id: '099999' }, patient: { cpr: '010190-2345' } })));
    expect(tokenSubject('opaque-token')).toBe('opaque-token');
    expect(tokenSubject('not.json.at-all')).toBe('not.json.at-all');
  });

  it('opens one stream per subject, tells a late joiner to look once, and closes each with its last member', async () => {
    const a = join(jwt({ ...gp, iat: 1 }));
    await vi.waitFor(() => expect(a.listener.onConnected).toHaveBeenCalledWith(false));
    const b = join(jwt({ ...gp, iat: 2 })); // the same user's renewed token
    await vi.waitFor(() => expect(b.listener.onConnected).toHaveBeenCalledWith(false));
    const other = join(jwt({ ...gp, sub: 'jens' }));
    await vi.waitFor(() => expect(other.listener.onConnected).toHaveBeenCalled());
    expect(openPageStreams()).toBe(2);
    expect(live.streams.size).toBe(2);

    const event = publish(live, 'message.created', 'r1', { messageId: 'm1' });
    await vi.waitFor(() => expect(b.listener.onEvent).toHaveBeenCalledWith(event));
    expect(a.listener.onEvent).toHaveBeenCalledTimes(1);
    expect(other.listener.onEvent).toHaveBeenCalledTimes(1);

    a.member.leave();
    expect(openPageStreams()).toBe(2);
    b.member.leave();
    await vi.waitFor(() => expect(live.streams.size).toBe(1));
    expect(openPageStreams()).toBe(1);
    other.member.leave();
    await vi.waitFor(() => expect(live.streams.size).toBe(0));
    expect(openPageStreams()).toBe(0);
  });

  it('runs a read once for the members asking for it together, and again once it is done', async () => {
    const a = join('token');
    const b = join('token');
    await vi.waitFor(() => expect(b.listener.onConnected).toHaveBeenCalled());
    const read = vi.fn(() => Promise.resolve(['x']));
    const [first, second] = await Promise.all([a.member.read('events:r1@1.1', read), b.member.read('events:r1@1.1', read)]);
    expect(first).toBe(second);
    expect(read).toHaveBeenCalledTimes(1);
    await a.member.read('events:r1@1.1', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps asking a token source that fails, and says the stream is down meanwhile', async () => {
    let fails = 1;
    const listener = { onEvent: vi.fn(), onConnected: vi.fn(), onDisconnected: vi.fn() };
    const member = joinPageStream(
      { apiUrl: MOCK_API, getToken: () => (fails-- > 0 ? Promise.reject(new Error('signing service down')) : 'token') },
      listener,
    );
    joined.push(member);
    await vi.waitFor(() => expect(listener.onDisconnected).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(listener.onConnected).toHaveBeenCalledWith(false), { timeout: 3000 });
  });
});
