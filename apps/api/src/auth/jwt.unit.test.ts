import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  InvalidTokenError,
  keyIdOf,
  signToken,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenVerifier,
  verifyToken,
} from './jwt';

const SECRET = 'a-test-signing-key-of-at-least-32-characters';
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** A token with any header and payload, correctly signed with SECRET (what a forger cannot do). */
function forge(header: object, payload: object, secret = SECRET): string {
  const h = b64(header);
  const p = b64(payload);
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
}

const refusal = async (token: string, secrets: string | string[] = SECRET, now = NOW) => {
  try {
    await verifyToken(token, secrets, now);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidTokenError);
    return (err as Error).message;
  }
};

describe('tokens (jose)', () => {
  const claims = { sub: 'zhang', role: 'unit' as const, unitId: 'CGZF' };

  it('signs with issuer, audience, not-before, expiry and a key id, and verifies them', async () => {
    const token = signToken(claims, SECRET, 3600, NOW);
    const [header, payload] = token.split('.') as [string, string];
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyIdOf(SECRET) });
    expect(decode(payload)).toMatchObject({
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 3600,
    });
    await expect(verifyToken(token, SECRET, NOW)).resolves.toMatchObject(claims);
    expect(keyIdOf(SECRET)).not.toContain(SECRET.slice(0, 8));
  });

  it('accepts what jose itself signs (the format is standard)', async () => {
    const token = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256', kid: keyIdOf(SECRET) })
      .setSubject('li')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(NOW / 1000)
      .setNotBefore(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(token, SECRET, NOW)).resolves.toMatchObject({ sub: 'li' });
  });

  it('refuses a token without issuer or audience, or for another one', async () => {
    const kid = keyIdOf(SECRET);
    const base = { ...claims, iat: NOW / 1000, nbf: NOW / 1000, exp: NOW / 1000 + 60 };
    const header = { alg: 'HS256', typ: 'JWT', kid };
    expect(await refusal(forge(header, { ...base, aud: TOKEN_AUDIENCE }))).toMatch(/iss/);
    expect(await refusal(forge(header, { ...base, iss: TOKEN_ISSUER }))).toMatch(/aud/);
    expect(
      await refusal(forge(header, { ...base, iss: 'another-city', aud: TOKEN_AUDIENCE })),
    ).toBe('token from another issuer');
    expect(
      await refusal(forge(header, { ...base, iss: TOKEN_ISSUER, aud: 'hotline-console' })),
    ).toBe('token for another audience');
  });

  it('refuses expired tokens and tokens not valid yet (beyond 30 s of clock skew)', async () => {
    const token = signToken(claims, SECRET, 3600, NOW);
    expect(await refusal(token, SECRET, NOW + 3600_000 + 31_000)).toBe('token expired');
    expect(await refusal(token, SECRET, NOW - 31_000)).toBe('token not valid yet');
    await expect(verifyToken(token, SECRET, NOW - 10_000)).resolves.toBeDefined();
  });

  it('refuses alg "none", other algorithms, bad signatures, unknown key ids and junk', async () => {
    const payload = {
      ...claims,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 60,
    };
    const kid = keyIdOf(SECRET);
    expect(await refusal(`${b64({ alg: 'none', kid })}.${b64(payload)}.`)).not.toBe('accepted');
    expect(await refusal(forge({ alg: 'HS512', kid }, payload))).toBe(
      'unsupported token algorithm',
    );
    expect(await refusal(forge({ alg: 'HS256', kid }, payload, 'x'.repeat(40)))).toBe(
      'bad signature',
    );
    expect(await refusal(forge({ alg: 'HS256' }, payload))).toBe('unknown signing key (kid)');
    expect(
      await refusal(signToken(claims, 'another-key-of-at-least-32-characters!', 60, NOW)),
    ).toBe('unknown signing key (kid)');
    for (const junk of ['', 'abc', 'a.b.c', 'Bearer', '..', 'x'.repeat(10_000)])
      expect(await refusal(junk)).not.toBe('accepted');
  });

  it('accepts a previous key during a rotation, found by its key id', async () => {
    const old = 'the-previous-signing-key-of-32-characters!';
    const token = signToken(claims, old, 60, NOW);
    expect(await refusal(token, [SECRET])).toBe('unknown signing key (kid)');
    await expect(verifyToken(token, [SECRET, old], NOW)).resolves.toMatchObject(claims);
  });

  it('refuses a unit token without its unit', async () => {
    expect(await refusal(signToken({ sub: 'x', role: 'unit' }, SECRET, 60, NOW))).toMatch(
      /a unit token must name its unit/,
    );
  });

  it('carries the level and district of centre staff, and refuses a district level without its district', async () => {
    const district = {
      sub: 'li',
      role: 'supervisor' as const,
      level: 'district' as const,
      districtId: 'LS',
    };
    await expect(
      verifyToken(signToken(district, SECRET, 60, NOW), SECRET, NOW),
    ).resolves.toMatchObject(district);
    expect(
      await refusal(
        signToken({ sub: 'x', role: 'supervisor', level: 'district' }, SECRET, 60, NOW),
      ),
    ).toMatch(/must name its district/);
  });
});

describe('TokenVerifier (tokens verified once, their time window checked on every call)', () => {
  const claims = { sub: 'wang', role: 'operator' as const };
  const reason = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (err: Error) => {
        expect(err).toBeInstanceOf(InvalidTokenError);
        return err.message;
      },
    );

  it('accepts a token it verified before, with the same claims, and remembers it once', async () => {
    const v = new TokenVerifier([SECRET]);
    const token = signToken(claims, SECRET, 600, NOW);
    const first = await v.verify(token, NOW);
    await expect(v.verify(token, NOW + 1000)).resolves.toEqual(first);
    expect(first).toMatchObject(claims);
    expect(v.size).toBe(1);
  });

  it('refuses a remembered token once it expired, and one not valid yet, as verifyToken does', async () => {
    const v = new TokenVerifier(SECRET);
    const token = signToken(claims, SECRET, 60, NOW);
    await v.verify(token, NOW);
    // 60 s of life and 30 s of clock tolerance.
    await expect(v.verify(token, NOW + 89_000)).resolves.toMatchObject(claims);
    expect(await reason(v.verify(token, NOW + 91_000))).toBe('token expired');
    expect(await reason(v.verify(token, NOW - 31_000))).toBe('token not valid yet');
    expect(await reason(verifyToken(token, SECRET, NOW + 91_000))).toBe('token expired');
  });

  it('never accepts a token it has not verified: another signature, another key, a changed payload', async () => {
    const v = new TokenVerifier([SECRET]);
    const token = signToken(claims, SECRET, 600, NOW);
    await v.verify(token, NOW);
    const [h, , sig] = token.split('.') as [string, string, string];
    const raised = b64({ ...decode(token.split('.')[1]!), role: 'supervisor' });
    expect(await reason(v.verify(`${h}.${raised}.${sig}`, NOW))).toBe('bad signature');
    const other = signToken(claims, 'another-signing-key-of-at-least-32-chars', 600, NOW);
    expect(await reason(v.verify(other, NOW))).toBe('unknown signing key (kid)');
    expect(await reason(v.verify(`${token}x`, NOW))).toBe('bad signature');
  });

  it('forgets the least recently used tokens past its bound', async () => {
    const v = new TokenVerifier(SECRET, 2);
    for (const sub of ['a', 'b', 'c'])
      await v.verify(signToken({ sub, role: 'operator' }, SECRET, 600, NOW), NOW);
    expect(v.size).toBe(2);
  });
});
