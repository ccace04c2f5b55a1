import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type BodyHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;

/**
 * The HTTP side of the emulator: reads whole bodies, hands them to a handler, and can stop
 * listening for a while ("the service is down") and come back on the same port.
 */
export class EmulatorHttpServer {
  private readonly server: Server;
  private port = 0;
  private host = '127.0.0.1';
  private comeBack?: { timer: NodeJS.Timeout; resolve: () => void };

  constructor(handler: BodyHandler, onError: (err: unknown) => void) {
    this.server = createServer((req, res) => {
      readBody(req)
        .then((body) => handler(req, res, body))
        .catch((err: unknown) => {
          onError(err);
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
    });
    // Keep-alive sockets must not outlive a `down`; Node tracks them for closeAllConnections().
    this.server.keepAliveTimeout = 5000;
  }

  async listen(port: number, host: string): Promise<number> {
    this.host = host;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  get isDown(): boolean {
    return this.comeBack !== undefined;
  }

  /**
   * Stops accepting connections at once (and cuts open ones); resolves when listening again on the
   * same port after `ms` real milliseconds.
   */
  down(ms: number): Promise<void> {
    if (this.comeBack) return Promise.reject(new Error('The emulator is already down.'));
    this.server.close();
    this.server.closeAllConnections();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.comeBack = undefined;
        this.listen(this.port, this.host).then(() => resolve(), reject);
      }, ms);
      this.comeBack = { timer, resolve };
    });
  }

  async close(): Promise<void> {
    if (this.comeBack) {
      clearTimeout(this.comeBack.timer);
      this.comeBack.resolve();
      this.comeBack = undefined;
      return;
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
