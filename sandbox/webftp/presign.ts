import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Presigned URLs for the sandbox's object store, shaped like S3 SigV4 query auth
 * (`X-Amz-Date`, `X-Amz-Expires`, `X-Amz-Signature`…). The signature is an HMAC-SHA256 over method, bucket/key,
 * date and expiry with a per-sandbox secret; changing any of them, or waiting past the expiry, makes the URL fail.
 */

export const BUCKET = 'alpacon-webftp';

export type Verdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string };

function amzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export class Presigner {
  private readonly secret = randomBytes(32);

  /** A full URL for `method` on `key`, valid for `expiresSeconds` from now. */
  url(baseUrl: string, method: 'GET' | 'PUT', key: string, expiresSeconds: number, now = Date.now()): string {
    const date = amzDate(now);
    const params = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `SANDBOXKEY/${date.slice(0, 8)}/ap-northeast-2/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(expiresSeconds),
      'X-Amz-SignedHeaders': 'host',
    });
    params.set('X-Amz-Signature', this.signature(method, key, date, String(expiresSeconds)));
    return `${baseUrl}/s3/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}?${params.toString()}`;
  }

  verify(method: string, key: string, query: URLSearchParams, now = Date.now()): Verdict {
    const date = query.get('X-Amz-Date') ?? '';
    const expires = query.get('X-Amz-Expires') ?? '';
    const given = query.get('X-Amz-Signature') ?? '';
    if (date === '' || expires === '' || given === '') {
      return { ok: false, code: 'AccessDenied', message: 'Query-string authentication requires the Signature, Expires and AccessKeyId parameters' };
    }
    const expected = Buffer.from(this.signature(method === 'HEAD' ? 'GET' : method, key, date, expires));
    const actual = Buffer.from(given);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
    }
    const start = parseAmzDate(date);
    if (start === undefined || now > start + Number(expires) * 1000) {
      return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
    }
    return { ok: true };
  }

  private signature(method: string, key: string, date: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${method}\n/${BUCKET}/${key}\n${date}\n${expires}`).digest('hex');
  }
}

/** An S3-style XML error body. */
export function s3ErrorXml(code: string, message: string, key: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Key>${key}</Key><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
}
