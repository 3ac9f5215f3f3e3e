#pragma once
// Stream: the byte pipe one client connection speaks over. PlainStream
// (plain_stream.h) wraps a socket; auth's TlsStream (tls.h) wraps TLS. The
// protocol code (pg_message.h, session.h) only ever sees a Stream.

#include <cstddef>

#include "common/status.h"

namespace omen::server {

class Stream {
 public:
  virtual ~Stream() = default;
  // Reads up to n bytes into buf: bytes read, 0 at end of stream, or an error (SQLSTATE 08006).
  virtual Result<size_t> Read(void* buf, size_t n) = 0;
  // Writes all n bytes or fails (08006).
  virtual Status Write(const void* buf, size_t n) = 0;
  // True when bytes already received are buffered inside the stream (TLS),
  // so a Read would not wait for the socket.
  virtual bool HasPending() const { return false; }
};

}  // namespace omen::server
