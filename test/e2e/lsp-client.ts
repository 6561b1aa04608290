// A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length
// framing), enough to drive a real language server the way an editor does: requests,
// notifications, answers to the server's own requests, and waiting for notifications.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Message {
  readonly jsonrpc: '2.0';
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

type ServerRequestHandler = (method: string, params: unknown) => unknown;

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly notifications: Message[] = [];
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  /** Everything the server wrote to stderr, for failure messages. */
  stderr = '';

  constructor(command: string, args: readonly string[], cwd: string, private readonly onServerRequest: ServerRequestHandler) {
    this.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`language server exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification of `method` (already received and not yet taken, or still to come) that `match` accepts. */
  waitForNotification<P>(method: string, match: (params: P) => boolean, timeoutMs = 60_000): Promise<P> {
    const accepts = (m: Message): boolean => m.method === method && match(m.params as P);
    const index = this.notifications.findIndex(accepts);
    if (index >= 0) return Promise.resolve(this.notifications.splice(index, 1)[0]!.params as P);
    return new Promise<P>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr:\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        match: accepts,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m.params as P);
        },
      });
    });
  }

  /** Forgets the notifications received so far (so the next wait sees only new ones). */
  clearNotifications(): void {
    this.notifications.length = 0;
  }

  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    if (process.env.OTEL_SAFE_LSP_TRACE) process.stderr.write(`-> ${JSON.stringify(message).slice(0, 400)}\n`);
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!length) throw new Error(`bad header from the language server: ${this.buffer.subarray(0, headerEnd).toString()}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (process.env.OTEL_SAFE_LSP_TRACE) process.stderr.write(`<- ${JSON.stringify(message).slice(0, 400)}\n`);
    if (message.id !== undefined && message.method !== undefined) {
      // a request from the server: answer it as an editor would
      let result: unknown = null;
      try {
        result = this.onServerRequest(message.method, message.params);
      } catch (error) {
        this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error) } });
        return;
      }
      this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null });
      return;
    }
    if (message.id !== undefined) {
      const waiter = this.pending.get(Number(message.id));
      this.pending.delete(Number(message.id));
      if (message.error) waiter?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiter?.resolve(message.result);
      return;
    }
    const waiter = this.waiters.findIndex((w) => w.match(message));
    if (waiter >= 0) this.waiters.splice(waiter, 1)[0]!.resolve(message);
    else this.notifications.push(message);
  }
}
