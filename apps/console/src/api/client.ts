import createClient from 'openapi-fetch';
import type { paths } from '../generated/api-schema';
import { session } from '../auth/session';

/**
 * The typed client, generated from the API's committed OpenAPI document. Same origin: the API
 * serves the console, and the dev server proxies the API's routes.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or refused token: back to sign-in (the page re-renders from the session).
    if (response.status === 401) session.signOut('登录已失效，请重新登录');
    return response;
  },
});

/** The API's one error format: `{ statusCode, error, message, fields?, requestId }`. */
export interface ApiErrorBody {
  statusCode?: number;
  message?: string | string[];
  fields?: { field: string; message: string }[];
  status?: string;
  requestId?: string;
}

const STATUS_WORDS: Record<number, string> = {
  400: '输入有误',
  401: '未登录或登录已失效',
  403: '无权执行此操作',
  404: '未找到',
  409: '当前状态下不能执行此操作',
  429: '请求过于频繁，请稍后再试',
};

/** A refused or failed call: a Chinese summary by status, and the API's own reason as it said it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(
      `${STATUS_WORDS[status] ?? (status >= 500 ? '服务暂不可用' : '请求失败')}（${status}）${reason ? `：${reason}` : ''}`,
    );
  }
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps an openapi-fetch answer: the data, or an ApiError with the API's reason. */
export async function call<T>(request: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络');
  }
  if (outcome.response.ok) return outcome.data as T;
  const body = (outcome.error ?? {}) as ApiErrorBody;
  const message = Array.isArray(body.message) ? body.message.join('；') : (body.message ?? '');
  throw new ApiError(outcome.response.status, message, body.fields ?? []);
}
