import { describe, expect, it } from 'vitest';
import { connectionState as state } from '../api/connection-testing';
import { connectionBanner, connectionLabel } from './connection-text';

const time = (ms: number) => `T${ms}`;

describe('connectionLabel', () => {
  it('names each state of the connection in a word or two', () => {
    expect(connectionLabel(state(), time)).toMatchObject({ text: 'Connected', tone: 'ok' });
    expect(connectionLabel(state({ status: 'connecting' }), time).text).toBe('Connecting…');
    expect(connectionLabel(state({ status: 'disconnected' }), time)).toMatchObject({
      text: 'Not connected',
      tone: 'lost',
    });
  });

  it('tells when the next attempt to reconnect is due, or that one is under way', () => {
    const waiting = state({ status: 'disconnected', retryAt: 9_000 });
    expect(connectionLabel(waiting, time).detail).toBe('Next attempt to reconnect at T9000.');
    const trying = state({ status: 'disconnected', retryAt: null });
    expect(connectionLabel(trying, time).detail).toBe('Trying to reconnect now.');
  });

  it('gives the reason a page cannot connect at all', () => {
    const closed = state({ status: 'closed', problem: 'Opened without its access token.' });
    expect(connectionLabel(closed, time).detail).toBe('Opened without its access token.');
  });
});

describe('connectionBanner', () => {
  it('says nothing while connected and nothing was lost', () => {
    expect(connectionBanner(state(), time, true)).toBeNull();
    expect(connectionBanner(state({ status: 'connecting' }), time, true)).toBeNull();
  });

  it('says when the connection was lost and that what is shown is not current', () => {
    const lost = state({ status: 'disconnected', since: 5_000, retryAt: 5_250, failures: 1 });
    const words = connectionBanner(lost, time, false);
    expect(words?.title).toBe('Not connected to Premia');
    expect(words?.body).toContain('lost at T5000');
    expect(words?.body).toContain('marked not current');
  });

  it('keeps its words through each attempt to reconnect, so they are read out once', () => {
    const first = state({ status: 'disconnected', since: 5_000, retryAt: 5_250, failures: 1 });
    const later = { ...first, retryAt: null, failures: 4 };
    expect(connectionBanner(later, time, false)).toEqual(connectionBanner(first, time, false));
  });

  it('says the host cannot be reached when no connection was ever made', () => {
    const never = state({ status: 'disconnected', lastConnectedAt: null });
    expect(connectionBanner(never, time, false)?.title).toBe("Premia's host cannot be reached");
  });

  it('says the connection is back after a reconnect, for as long as the shell shows it', () => {
    const back = state({ reconnects: 1 });
    expect(connectionBanner(back, time, true)?.title).toBe('Connected to Premia again');
    expect(connectionBanner(back, time, false)).toBeNull();
  });
});
