/**
 * How a record's status and times read, for the panel, the status bar and the notifications.
 * Pure functions, no vscode import: the host and the webview both use them.
 */
import { t } from '@vscode/l10n';

/** The look of a status: every status has a word and an icon as well as a colour, so nothing relies on colour. */
export type StatusTone = 'pending' | 'running' | 'failing' | 'succeeded' | 'failed' | 'unknown';

export interface StatusPresentation {
  tone: StatusTone;
  /** A few words. */
  label: string;
  /** A sentence saying what the status means for the user. */
  explanation: string;
  /** A codicon name (without the `codicon-` prefix). */
  icon: string;
  /** Whether the icon should spin (work is going on). */
  spin: boolean;
  /** Whether the record has ended. */
  terminal: boolean;
}

export function presentStatus(status: string | undefined): StatusPresentation {
  switch (status) {
    case 'CREATED':
      return {
        tone: 'pending',
        label: t('Created'),
        explanation: t('Service Catalog has accepted the request and will start it shortly.'),
        icon: 'clock',
        spin: false,
        terminal: false,
      };
    case 'IN_PROGRESS':
      return {
        tone: 'running',
        label: t('In progress'),
        explanation: t('The action is running.'),
        icon: 'sync',
        spin: true,
        terminal: false,
      };
    case 'IN_PROGRESS_IN_ERROR':
      return {
        tone: 'failing',
        label: t('Failing, not finished'),
        explanation: t('Something went wrong and Service Catalog is rolling back; the record has not ended yet.'),
        icon: 'warning',
        spin: false,
        terminal: false,
      };
    case 'SUCCEEDED':
      return {
        tone: 'succeeded',
        label: t('Succeeded'),
        explanation: t('The action finished successfully.'),
        icon: 'pass',
        spin: false,
        terminal: true,
      };
    case 'FAILED':
      return {
        tone: 'failed',
        label: t('Failed'),
        explanation: t('The action ended with errors.'),
        icon: 'error',
        spin: false,
        terminal: true,
      };
    case undefined:
      return {
        tone: 'unknown',
        label: t('Loading'),
        explanation: t('Waiting for the first answer from Service Catalog.'),
        icon: 'loading',
        spin: true,
        terminal: false,
      };
    default:
      return {
        tone: 'unknown',
        label: status,
        explanation: t('Service Catalog reported a status this extension does not know.'),
        icon: 'question',
        spin: false,
        terminal: false,
      };
  }
}

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** "5 s ago", "3 min ago", "2 h ago", "4 d ago"; a time a little in the future (clock skew) is "just now". */
export function relativeTime(then: number, now: number): string {
  const elapsed = now - then;
  if (elapsed < 0) {
    return elapsed > -minute ? t('just now') : t({ message: 'in {0}', args: [formatDuration(-elapsed)], comment: 'a time in the future: in 3 min' });
  }
  if (elapsed < minute) {
    return t('{0} s ago', Math.floor(elapsed / second));
  }
  if (elapsed < hour) {
    return t('{0} min ago', Math.floor(elapsed / minute));
  }
  if (elapsed < day) {
    return t('{0} h ago', Math.floor(elapsed / hour));
  }
  return t('{0} d ago', Math.floor(elapsed / day));
}

/** "0 s", "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / second));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return hours > 0 ? t('{0} d {1} h', days, hours) : t('{0} d', days);
  }
  if (hours > 0) {
    return minutes > 0 ? t('{0} h {1} min', hours, minutes) : t('{0} h', hours);
  }
  if (minutes > 0) {
    return seconds > 0 ? t('{0} min {1} s', minutes, seconds) : t('{0} min', minutes);
  }
  return t('{0} s', seconds);
}

/** A date and time in the user's locale and time zone (both can be given, for tests). */
export function absoluteTime(ms: number, options: { locale?: string; timeZone?: string } = {}): string {
  try {
    return new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: options.timeZone,
    }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString();
  }
}

/** The machine-readable form, for `<time datetime>` and copies. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** "1 action running", "3 actions running". */
export function runningCountText(count: number): string {
  return count === 1 ? t('1 action running') : t('{0} actions running', count);
}
