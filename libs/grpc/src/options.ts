import type { ChannelOptions } from '@grpc/grpc-js';

const MiB = 1024 * 1024;

/**
 * Channel and server options for every Silt connection. Measured on this machine (STACK-NOTES): grpc-js's default
 * HTTP/2 flow control caps a stream at ~250 MiB/s; a 32 MiB window lifts it to ~600-900 MiB/s. grpc-js applies the
 * window option on clients only (what a server may send back); a server's receive window is set by
 * `startGrpcServer` (serverFlowControlWindow). Messages stay well below the limits (chunks are <= 1 MiB; ReadRange
 * replies are capped by the caller).
 */
const GRPC_CHANNEL_BASE: ChannelOptions = {
  'grpc-node.max_session_memory': 256, // MiB
  'grpc.max_receive_message_length': 16 * MiB,
  'grpc.max_send_message_length': 16 * MiB,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  // Fail fast while a peer restarts instead of the default exponential backoff up to 2 minutes.
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 500, // a restarted worker is used again within ~0.5 s (2 s left it aside ~3-4 s)
};

/** HTTP/2 flow-control window of this process's gRPC connections: config `grpc.flowControlWindow` (default 32 MiB). */
let flowControlWindow = 32 * MiB;

/**
 * A stream's share on a server: also what one call may hold in the server's memory (see serverFlowControlWindow).
 * Uploads measured alike with 1, 2 and 8 MiB per stream (1 GiB, single and 4-way multipart): 64 KiB was the brake.
 */
const SERVER_STREAM_WINDOW_MAX = 2 * MiB;

/**
 * Applies `grpc.flowControlWindow` to the clients and servers this process creates from now on (service processes
 * call it once at start, before any). HTTP/2 bounds it to [64 KiB - 1, 2^31 - 1].
 */
export function setFlowControlWindow(bytes: number): void {
  flowControlWindow = Math.min(Math.max(Math.floor(bytes), 65_535), 2 ** 31 - 1);
}

/** Options for every client channel: the window is what a server may send ahead on each stream and connection. */
export function grpcChannelOptions(): ChannelOptions {
  return { ...GRPC_CHANNEL_BASE, 'grpc-node.flow_control_window': flowControlWindow };
}

/**
 * What a server lets a client send ahead, per connection and per stream (applied by `startGrpcServer`). A stream's
 * window is also what it may hold in the server's memory: Node hands received DATA to JS whether or not the call
 * reads it and only withholds the WINDOW_UPDATE, so at most 2 MiB per stream keeps a ufs with many uploads under way
 * bounded (2 MiB per upload).
 */
export function serverFlowControlWindow(): { connection: number; stream: number } {
  return { connection: flowControlWindow, stream: Math.min(SERVER_STREAM_WINDOW_MAX, flowControlWindow) };
}

export const GRPC_SERVER_OPTIONS: ChannelOptions = {
  // grpc-js reads this on clients only (grpc/grpc-node#3058); startGrpcServer applies serverFlowControlWindow() itself.
  'grpc-node.max_session_memory': 256,
  'grpc.max_receive_message_length': 16 * MiB,
  'grpc.max_send_message_length': 16 * MiB,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
};
