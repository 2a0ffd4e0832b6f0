/**
 * The signed-in user. Only the bearer token is stored (sessionStorage: gone with the tab); role
 * and unit are read from the token's claims, never kept separately. No personal data is stored.
 */
export type Role = 'operator' | 'unit' | 'supervisor' | 'auditor';

export interface Claims {
  sub: string;
  role: Role;
  unitId?: string;
  name?: string;
  /** 三级: `city` (the city centre) or `district` (a district centre, `districtId` only). */
  level?: 'city' | 'district';
  districtId?: string;
  exp: number;
}

const KEY = 'hotline.token';
type Listener = (notice?: string) => void;
const listeners = new Set<Listener>();

/** Reads a JWT's claims (no verification: the API verifies; the console only hides what it would refuse). */
export function decodeClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Claims>;
    if (!claims.role || typeof claims.exp !== 'number') return null;
    return claims as Claims;
  } catch {
    return null;
  }
}

export const session = {
  token(): string | null {
    const token = sessionStorage.getItem(KEY);
    if (!token) return null;
    const claims = decodeClaims(token);
    if (!claims || claims.exp * 1000 <= Date.now()) return null;
    return token;
  },
  claims(): Claims | null {
    const token = session.token();
    return token ? decodeClaims(token) : null;
  },
  signIn(token: string): Claims {
    const claims = decodeClaims(token);
    if (!claims) throw new Error('令牌无法识别');
    if (claims.exp * 1000 <= Date.now()) throw new Error('令牌已过期');
    sessionStorage.setItem(KEY, token);
    listeners.forEach((l) => l());
    return claims;
  },
  signOut(notice?: string) {
    if (!sessionStorage.getItem(KEY)) return;
    sessionStorage.removeItem(KEY);
    listeners.forEach((l) => l(notice));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
