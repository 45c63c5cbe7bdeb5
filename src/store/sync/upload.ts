/**
 * A `fetch` for uploads that says how many bytes went: `fetch` reports no upload progress (and
 * streams a request body only over HTTP/2), so in the browser a file goes up with
 * XMLHttpRequest, whose `upload.onprogress` counts the bytes sent. The answer is handed back
 * as a Response, so the API reads it as any other.
 */
export type SentBytes = (sent: number, total: number) => void;

export function xhrUpload(onSent: SentBytes): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', String(input));
      xhr.withCredentials = init.credentials === 'include';
      new Headers(init.headers).forEach((value, key) => xhr.setRequestHeader(key, value));
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (e) => onSent(e.loaded, e.lengthComputable ? e.total : 0);
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        resolve(new Response(xhr.response as Blob, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('the upload failed (network error)'));
      xhr.onabort = () => reject(new DOMException('the upload was cancelled', 'AbortError'));
      init.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}
