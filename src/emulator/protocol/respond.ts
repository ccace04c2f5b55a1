import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError } from './awsErrors';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Sends an awsJson1_1 response. Node adds a correct `Date` header (the SDK corrects its clock skew from it). */
export function sendAwsJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': AWS_JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...extraHeaders,
  });
  res.end(text);
}

export function sendAwsError(res: ServerResponse, error: AwsError): void {
  // Modelled service errors also name themselves in x-amzn-ErrorType, with Coral's namespace suffix.
  const headers: Record<string, string> =
    error.options.messageKey === undefined ? { 'x-amzn-ErrorType': `${error.code}:http://internal.amazon.com/coral/com.amazonaws.servicecatalog/` } : {};
  sendAwsJson(res, error.httpStatus, error.toBody(), headers);
}

export function sendPlainJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
