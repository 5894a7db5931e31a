import { describe, expect, it } from 'vitest';
import { parseStsResponse } from './parse-sts-response.js';
import { parseXml } from './parse-xml.js';

// AWS's documented example answer (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
const ASSUME_ROLE = `<?xml version="1.0" encoding="UTF-8"?>
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>DevUser123</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/John</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:John</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`;

describe('parseStsResponse', () => {
  it("reads AWS's AssumeRole example", () => {
    expect(parseStsResponse(ASSUME_ROLE, 'AssumeRole')).toEqual({
      kind: 'credentials',
      credentials: {
        accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        sessionToken: expect.stringMatching(/^AQoDYXdzEPT.*BA==$/),
        expiresAt: Date.UTC(2019, 10, 9, 13, 34, 41),
      },
    });
  });

  it('reads an AssumeRoleWithWebIdentity answer with entities, CDATA and a namespace prefix, and not as the other action', () => {
    const text = `<sts:AssumeRoleWithWebIdentityResponse xmlns:sts="https://sts.amazonaws.com/doc/2011-06-15/"><!-- a comment --><sts:AssumeRoleWithWebIdentityResult>
      <sts:Credentials><sts:AccessKeyId>ASIA&#65;KEY</sts:AccessKeyId><sts:SecretAccessKey><![CDATA[se<cr>et&]]></sts:SecretAccessKey>
      <sts:SessionToken>tok&amp;en&#x2F;</sts:SessionToken><sts:Expiration>2030-01-01T00:00:00.000Z</sts:Expiration></sts:Credentials>
    </sts:AssumeRoleWithWebIdentityResult></sts:AssumeRoleWithWebIdentityResponse>`;
    expect(parseStsResponse(text, 'AssumeRoleWithWebIdentity')).toEqual({
      kind: 'credentials',
      credentials: { accessKeyId: 'ASIAAKEY', secretAccessKey: 'se<cr>et&', sessionToken: 'tok&en/', expiresAt: Date.UTC(2030, 0, 1) },
    });
    expect(parseStsResponse(text, 'AssumeRole')).toEqual({ kind: 'unreadable' });
  });

  it("reads STS's error answer", () => {
    const text = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>
      <Message>User: arn:aws:iam::123456789012:user/gw is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
    expect(parseStsResponse(text, 'AssumeRole')).toEqual({ kind: 'error', code: 'AccessDenied', message: expect.stringContaining('is not authorized to perform: sts:AssumeRole') });
  });

  it('finds nothing in answers that lack a field, an expiry, or are not XML', () => {
    expect(parseStsResponse(ASSUME_ROLE.replace(/<SessionToken>.*<\/SessionToken>/, ''), 'AssumeRole')).toEqual({ kind: 'unreadable' });
    expect(parseStsResponse(ASSUME_ROLE.replace('2019-11-09T13:34:41Z', 'tomorrow'), 'AssumeRole')).toEqual({ kind: 'unreadable' });
    expect(parseStsResponse('{"Credentials":{}}', 'AssumeRole')).toEqual({ kind: 'unreadable' });
    expect(parseStsResponse('<html><body>502 Bad Gateway</body></html>', 'AssumeRole')).toEqual({ kind: 'unreadable' });
  });
});

describe('parseXml', () => {
  it('refuses a DOCTYPE (no entity definitions to expand), bad nesting, stray text and unknown entities', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toThrow(/DOCTYPE/);
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes no open element/);
    expect(() => parseXml('<a><b></b>')).toThrow(/not closed/);
    expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXml('text<a/>')).toThrow(/outside the root/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity/);
    expect(() => parseXml('<a>&#1114112;</a>')).toThrow(/bad character reference/);
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(/bare &/);
    expect(() => parseXml(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`)).toThrow(/too deep/);
  });

  it('skips attributes, even ones holding > and quotes, and reads self-closing tags', () => {
    const root = parseXml(`<a x="1 > 0" y='"q"'><b/><c z="/>">text</c></a>`);
    expect(root.children.map((element) => [element.name, element.text])).toEqual([
      ['b', ''],
      ['c', 'text'],
    ]);
  });
});
