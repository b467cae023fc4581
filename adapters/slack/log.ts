import { LogLevel, type Logger } from '@slack/bolt';
import type { LogLine } from '../shared/platform.js';

const maxLineLength = 300;

/**
 * Makes one safe log line out of anything thrown or logged: tokens and
 * response URLs (which let anyone post as the app for half an hour) are cut out,
 * newlines are flattened, and the length is capped.
 */
export function summariseForLog(value: unknown): string {
  let text: string;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    text = `${typeof code === 'string' ? code : value.name}: ${value.message}`;
  } else if (typeof value === 'string') {
    text = value;
  } else {
    // Objects handed to a logger may be request bodies or API responses; never print them.
    text = value === undefined || value === null ? String(value) : `(${typeof value})`;
  }
  const safe = text
    .replace(/\bx(?:ox[a-z]|app)-[\w-]+/gi, '[token]')
    .replace(/\b(https?:\/\/[^/\s]+)\/\S*/gi, '$1/…')
    .replace(/\s+/g, ' ')
    .trim();
  return safe.length > maxLineLength ? `${safe.slice(0, maxLineLength - 1)}…` : safe;
}

/** The one log line for a request refused as not from Slack: why, and never a header value or the body. */
export const describeRejectedRequest = (reason: string): string => `refused a request not signed by Slack (401): ${reason}`;

// Bolt's own line for a request that fails its signature checks, so it reads like ours.
const boltRejection = /^Failed to parse and verify the request data: (?:Failed to verify authenticity: )?/;

const order: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/**
 * A Bolt logger that writes to the operator's log, one safe line per call.
 * Debug output is dropped: Bolt puts whole request bodies there.
 */
export function createBoltLogger(log: LogLine): Logger {
  let level: LogLevel = LogLevel.INFO;
  const write = (at: LogLevel, lineLevel: 'info' | 'warn' | 'error', parts: unknown[]) => {
    if (order[at] < order[level] || at === LogLevel.DEBUG) return;
    const line = parts.map(summariseForLog).join(' ');
    log(lineLevel, `slack: ${boltRejection.test(line) ? describeRejectedRequest(line.replace(boltRejection, '')) : line}`);
  };
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => write(LogLevel.INFO, 'info', parts),
    warn: (...parts: unknown[]) => write(LogLevel.WARN, 'warn', parts),
    error: (...parts: unknown[]) => write(LogLevel.ERROR, 'error', parts),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
