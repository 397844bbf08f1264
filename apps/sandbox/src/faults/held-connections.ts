import type { Socket } from 'node:net';

/** Sockets parked by the `timeout` fault; released (destroyed) when the sandbox closes. */
export class HeldConnections {
  private readonly sockets = new Set<Socket>();

  hold(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  releaseAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
