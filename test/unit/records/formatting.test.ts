import * as assert from 'node:assert/strict';
import { toRecordView } from '../../../src/records/panel/recordView';
import { freshness, panelTitle, presentViewStatus } from '../../../src/shared/panelText';
import { absoluteTime, formatDuration, isoTime, presentStatus, relativeTime, runningCountText } from '../../../src/shared/recordFormat';
import { failedSnapshot } from './sampleSnapshot';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('record formatting', () => {
  it('gives every status a word, an icon and a tone', () => {
    const statuses = ['CREATED', 'IN_PROGRESS', 'IN_PROGRESS_IN_ERROR', 'SUCCEEDED', 'FAILED', undefined, 'SOMETHING_NEW'];
    const tones = statuses.map((status) => presentStatus(status).tone);
    assert.deepEqual(tones, ['pending', 'running', 'failing', 'succeeded', 'failed', 'unknown', 'unknown']);
    for (const status of statuses) {
      const presentation = presentStatus(status);
      assert.ok(presentation.label.length > 0);
      assert.match(presentation.icon, /^[a-z-]+$/);
      assert.ok(presentation.explanation.length > 0);
    }
    assert.equal(presentStatus('SOMETHING_NEW').label, 'SOMETHING_NEW');
  });

  it('shows IN_PROGRESS_IN_ERROR as failing but not finished', () => {
    const presentation = presentStatus('IN_PROGRESS_IN_ERROR');
    assert.equal(presentation.terminal, false);
    assert.match(presentation.label, /fail/i);
    assert.match(presentation.label, /not finished/i);
    assert.notEqual(presentation.icon, presentStatus('FAILED').icon);
    assert.equal(presentStatus('SUCCEEDED').terminal, true);
    assert.equal(presentStatus('FAILED').terminal, true);
  });

  it('says how long ago', () => {
    assert.equal(relativeTime(now, now), '0 s ago');
    assert.equal(relativeTime(now - 59_999, now), '59 s ago');
    assert.equal(relativeTime(now - 60_000, now), '1 min ago');
    assert.equal(relativeTime(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(relativeTime(now - 2 * 86_400_000, now), '2 d ago');
    assert.equal(relativeTime(now + 5_000, now), 'just now');
    assert.equal(relativeTime(now + 5 * 60_000, now), 'in 5 min');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(-5), '0 s');
    assert.equal(formatDuration(45_500), '45 s');
    assert.equal(formatDuration(192_000), '3 min 12 s');
    assert.equal(formatDuration(180_000), '3 min');
    assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000 + 7_000), '2 h 5 min');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h');
  });

  it('writes absolute times in a given locale and zone, and ISO for machines', () => {
    assert.equal(absoluteTime(now, { locale: 'en-GB', timeZone: 'UTC' }), '1 Jan 2025, 12:00:00');
    assert.equal(isoTime(now), '2025-01-01T12:00:00.000Z');
    assert.equal(typeof absoluteTime(now, { timeZone: 'Not/AZone' }), 'string');
  });

  it('says a record that could never be read is not available, rather than loading forever', () => {
    assert.equal(presentViewStatus({ status: undefined, connection: 'ended' }).label, 'Not available');
    assert.equal(presentViewStatus({ status: undefined, connection: 'live' }).label, 'Loading');
    assert.equal(presentViewStatus({ status: 'FAILED', connection: 'ended' }).label, 'Failed');
  });

  it('counts running actions', () => {
    assert.equal(runningCountText(1), '1 action running');
    assert.equal(runningCountText(3), '3 actions running');
  });

  it('titles the panel with what it knows', () => {
    const view = toRecordView(failedSnapshot());
    assert.equal(panelTitle(view), 'Rotate on web-01');
    assert.equal(panelTitle({ ...view, actionName: undefined }), 'Record rec-abc123 of web-01');
    assert.equal(panelTitle({ ...view, provisionedProductName: undefined }), 'Rotate');
    assert.equal(panelTitle({ ...view, actionName: undefined, provisionedProductName: undefined }), 'Record rec-abc123');
  });

  it('says how fresh the data is, and never calls stale data fresh', () => {
    const ended = toRecordView(failedSnapshot());
    const fetchedAt = ended.fetchedAt!;
    assert.equal(freshness(ended, fetchedAt + 3_000).tone, 'final');
    assert.match(freshness(ended, fetchedAt + 3_000).text, /Final status, checked 3 s ago/);

    const live = { ...ended, status: 'IN_PROGRESS', connection: 'live' as const, nextPollAt: fetchedAt + 1_000 };
    assert.equal(freshness(live, fetchedAt + 200).text, 'Updated 0 s ago; next check in 1 s');

    const reconnecting = {
      ...live,
      connection: 'reconnecting' as const,
      nextPollAt: fetchedAt + 40_000,
      problem: { summary: 'Throttled by AWS', detail: 'AWS is limiting the request rate.', fix: 'Wait a moment.' },
    };
    const state = freshness(reconnecting, fetchedAt + 30_000);
    assert.equal(state.tone, 'reconnecting');
    assert.match(state.text, /^Reconnecting: the data below is from 30 s ago and may be out of date\. Next try in 10 s\.$/);
    assert.equal(state.detail, 'Throttled by AWS — AWS is limiting the request rate. — Wait a moment.');

    const neverAnswered = { ...reconnecting, fetchedAt: undefined };
    assert.match(freshness(neverAnswered, fetchedAt).text, /has not answered yet/);

    const loading = { ...live, fetchedAt: undefined, nextPollAt: undefined };
    assert.equal(freshness(loading, now).tone, 'loading');

    const stopped = { ...live, status: 'IN_PROGRESS', connection: 'ended' as const, problem: { summary: 'Not found', detail: 'No record rec-x.' } };
    assert.equal(freshness(stopped, now).tone, 'stopped');
    assert.match(freshness(stopped, now).detail!, /No record rec-x/);
  });
});
