import { GatewayError } from '@switchyard/core';
import type { JsonObject } from './json.js';

const IMAGE_FORMATS: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };
const DOCUMENT_FORMATS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/**
 * An `image_url` part → a Converse image block. Bedrock takes the bytes (base64 in JSON) or an
 * `s3://` location; it fetches no http(s) URL, so one is refused rather than downloaded by the gateway.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html
 */
export function imageBlock(url: string, param: string): JsonObject {
  if (url.startsWith('s3://')) return { image: { format: formatFromName(url, IMAGE_FORMATS, param, 'image'), source: { s3Location: { uri: url } } } };
  const { mediaType, data } = dataUrl(url, param);
  const format = IMAGE_FORMATS[mediaType];
  if (format === undefined) throw invalid(`${param}: Bedrock takes png, jpeg, gif or webp images; got ${mediaType}.`, param);
  return { image: { format, source: { bytes: data } } };
}

/**
 * A `file` part (`file_data` a base64 data: URL) → a document block. Bedrock's document names
 * allow letters, digits, single spaces, hyphens, parentheses and brackets only, so the
 * filename is cleaned (LiteLLM and the AI SDK hit the same refusal).
 */
export function documentBlock(file: JsonObject, index: number, param: string): JsonObject {
  const data = file.file_data;
  if (typeof data !== 'string') throw invalid(`${param}.file: Bedrock takes files as file_data (a base64 data: URL); file_id is not supported.`, param);
  const { mediaType, data: bytes } = dataUrl(data, param);
  const format = DOCUMENT_FORMATS[mediaType];
  if (format === undefined) throw invalid(`${param}: Bedrock documents are pdf, csv, doc, docx, xls, xlsx, html, txt or md; got ${mediaType}.`, param);
  return { document: { format, name: documentName(file.filename, index), source: { bytes } } };
}

export function documentName(filename: unknown, index: number): string {
  const base = typeof filename === 'string' ? filename.replace(/\.[^.]*$/, '') : '';
  const cleaned = base.replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? `document ${index + 1}` : cleaned.slice(0, 200);
}

function dataUrl(url: string, param: string): { mediaType: string; data: string } {
  if (!url.startsWith('data:')) {
    throw invalid(`${param}: Bedrock does not fetch URLs; send the bytes as a base64 data: URL (or an s3:// URI for images).`, param);
  }
  const comma = url.indexOf(',');
  const header = url.slice(5, comma);
  if (comma === -1 || !header.endsWith(';base64')) throw invalid(`${param}: a data: URL must be base64-encoded.`, param);
  return { mediaType: header.slice(0, -7).toLowerCase(), data: url.slice(comma + 1) };
}

function formatFromName(uri: string, formats: Readonly<Record<string, string>>, param: string, kind: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(uri)?.[1]?.toLowerCase();
  const format = Object.values(formats).find((candidate) => candidate === extension || (candidate === 'jpeg' && extension === 'jpg'));
  if (format === undefined) throw invalid(`${param}: the ${kind} format of ${uri} cannot be told from its extension.`, param);
  return format;
}

export function invalid(message: string, param: string): GatewayError {
  return new GatewayError('invalid_value', message, { param });
}
