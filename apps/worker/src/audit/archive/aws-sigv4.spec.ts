import { createHash } from 'node:crypto';
import { EMPTY_PAYLOAD_HASH, signSigV4, uriEncode } from './aws-sigv4';

// The example signature calculations of AWS's S3 documentation ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk"), with its example credentials and time.
const scope = {
  credentials: {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  region: 'us-east-1',
  service: 's3',
  now: new Date('2013-05-24T00:00:00Z'),
};
const credential = 'Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';

describe('signSigV4 against AWS example vectors', () => {
  it('GET Object with a Range header', () => {
    const headers = signSigV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      scope,
    );
    expect(headers['authorization']).toBe(
      `AWS4-HMAC-SHA256 ${credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,` +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('PUT Object with a $ in the key and a storage class', () => {
    const body = 'Welcome to Amazon S3.';
    const headers = signSigV4(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: createHash('sha256').update(body).digest('hex'),
      },
      scope,
    );
    expect(headers['x-amz-content-sha256']).toBe(
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    );
    expect(headers['authorization']).toBe(
      `AWS4-HMAC-SHA256 ${credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,` +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('GET Bucket lifecycle (a query parameter without a value)', () => {
    const headers = signSigV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      scope,
    );
    expect(headers['authorization']).toBe(
      `AWS4-HMAC-SHA256 ${credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,` +
        'Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
  });

  it('GET Bucket (list objects) with sorted query parameters', () => {
    const headers = signSigV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'),
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      scope,
    );
    expect(headers['authorization']).toBe(
      `AWS4-HMAC-SHA256 ${credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,` +
        'Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });
});

describe('signSigV4', () => {
  it('signs a session token, and the same request twice the same', () => {
    const request = {
      method: 'PUT',
      url: new URL('http://127.0.0.1:9000/bucket/a b.jsonl.gz'),
      payloadHash: EMPTY_PAYLOAD_HASH,
    };
    const withToken = signSigV4(request, {
      ...scope,
      credentials: { ...scope.credentials, sessionToken: 'tok' },
    });
    expect(withToken['x-amz-security-token']).toBe('tok');
    expect(withToken['authorization']).toContain('x-amz-security-token');
    expect(withToken['host']).toBe('127.0.0.1:9000');
    expect(signSigV4(request, scope)).toEqual(signSigV4(request, scope));
  });

  it('encodes like RFC 3986', () => {
    expect(uriEncode("a b!'()*~._-")).toBe('a%20b%21%27%28%29%2A~._-');
  });
});
