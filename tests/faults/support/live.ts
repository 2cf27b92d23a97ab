// A live-updates client as the apps run it: one WebSocket on a channel, reconnecting after a
// close with the last event id it saw, so the server replays what it missed (or says refetch).
import WebSocket from 'ws';

export interface LiveFrame {
  type: string;
  id?: number;
  lastEventId?: number;
  replayed?: number;
  data?: { visit?: { id: string } };
  /** When the frame arrived (set here, not by the server). */
  receivedAt?: number;
}

export interface LiveClient {
  frames: LiveFrame[];
  /** Event ids seen (every frame that has an id). */
  ids(): number[];
  connections: number;
  close(): void;
}

export function liveClient(wsBase: string, channel: string, token: () => string): LiveClient {
  const frames: LiveFrame[] = [];
  let lastEventId: number | null = null;
  let closed = false;
  let socket: WebSocket | null = null;
  const client: LiveClient = {
    frames,
    ids: () => frames.flatMap((frame) => (typeof frame.id === 'number' ? [frame.id] : [])),
    connections: 0,
    close() {
      closed = true;
      socket?.close();
    },
  };
  const connect = () => {
    if (closed) return;
    const query = lastEventId === null ? '' : `?lastEventId=${lastEventId}`;
    socket = new WebSocket(`${wsBase}/ws/${channel}${query}`, {
      headers: { authorization: `Bearer ${token()}` },
    });
    socket.on('open', () => {
      client.connections += 1;
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as LiveFrame;
      frame.receivedAt = Date.now();
      frames.push(frame);
      if (typeof frame.id === 'number') lastEventId = frame.id;
      else if (typeof frame.lastEventId === 'number') lastEventId = frame.lastEventId;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!closed) setTimeout(connect, 500);
    });
  };
  connect();
  return client;
}
