import cluster from 'node:cluster';

/** What node:cluster sends and receives on a worker's channel (lib/internal/cluster: `act`, `seq`, `ack`). */
interface ClusterMessage {
  cmd?: string;
  act?: string;
  seq?: number;
  ack?: number;
}

/** How long after a worker's exit its acknowledgements still in the channel are awaited. */
const ACK_GRACE_MS = 200;

/**
 * node:cluster's primary accepts every connection and hands it to a worker
 * (round-robin), closing its own copy only when the worker acknowledges it.
 * A worker that dies in between never does, so the primary keeps that
 * connection open and its client waits forever (nodejs/node#7006; 2 of 3
 * worker kills under load left one request hanging). Installed in the
 * primary, this remembers each connection handed to a worker until the
 * worker acknowledges it, and closes the ones left when the worker's
 * channel closes: their clients see the connection closed and can retry.
 */
export function closeHandoffsOfDeadWorkers(): void {
  cluster.on('fork', (worker) => {
    const child = worker.process;
    const pending = new Map<number, { close(): void }>();
    const send = child.send.bind(child) as (...args: unknown[]) => boolean;
    child.send = ((message: ClusterMessage, handle?: { close(): void }, ...rest: unknown[]) => {
      if (message?.cmd === 'NODE_CLUSTER' && message.act === 'newconn' && handle && message.seq !== undefined) pending.set(message.seq, handle);
      return send(message, handle, ...rest);
    }) as typeof child.send;
    child.on('internalMessage', (message: ClusterMessage) => {
      if (message?.cmd === 'NODE_CLUSTER' && message.ack !== undefined) pending.delete(message.ack);
    });
    // A dead worker's last acknowledgements may still wait in its channel when 'exit' comes:
    // they are read first, so a connection it handed back is passed on, not closed.
    worker.once('exit', () =>
      setTimeout(() => {
        for (const handle of pending.values()) handle.close();
        pending.clear();
      }, ACK_GRACE_MS),
    );
  });
}
