import type { ChannelOptions } from '@grpc/grpc-js';

const MiB = 1024 * 1024;

/**
 * Channel and server options for every Silt connection. Measured on this machine (STACK-NOTES): grpc-js's default
 * HTTP/2 flow control caps a stream at ~250 MiB/s; a 32 MiB window lifts it to ~600-900 MiB/s. grpc-js applies the
 * window option on clients only (what a server may send back); a server's receive window is set by
 * `startGrpcServer` (SERVER_FLOW_CONTROL_WINDOW). Messages stay well below the limits (chunks are <= 1 MiB; ReadRange
 * replies are capped by the caller).
 */
export const GRPC_CHANNEL_OPTIONS: ChannelOptions = {
  'grpc-node.flow_control_window': 32 * MiB,
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

/**
 * What a server lets a client send ahead, per connection and per stream (applied by `startGrpcServer`). A stream's
 * window is also what it may hold in the server's memory: Node hands received DATA to JS whether or not the call
 * reads it and only withholds the WINDOW_UPDATE, so 8 MiB per stream keeps a ufs with many uploads under way bounded.
 */
export const SERVER_FLOW_CONTROL_WINDOW = { connection: 32 * MiB, stream: 8 * MiB };

export const GRPC_SERVER_OPTIONS: ChannelOptions = {
  // Recorded for when grpc-js honours it on servers (it reads it on clients only); startGrpcServer applies it now.
  'grpc-node.flow_control_window': SERVER_FLOW_CONTROL_WINDOW.connection,
  'grpc-node.max_session_memory': 256,
  'grpc.max_receive_message_length': 16 * MiB,
  'grpc.max_send_message_length': 16 * MiB,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
};
