#pragma once
// PlainStream: a Stream over a connected socket without encryption.

#include "server/stream.h"

namespace omen::server {

class PlainStream : public Stream {
 public:
  // Takes ownership of the connected socket `fd` (closed by the destructor).
  explicit PlainStream(int fd) : fd_(fd) {}
  ~PlainStream() override;
  PlainStream(const PlainStream&) = delete;
  PlainStream& operator=(const PlainStream&) = delete;

  // Blocking read; retries on EINTR. ECONNRESET counts as end of stream.
  Result<size_t> Read(void* buf, size_t n) override;
  // Blocking write of all n bytes (MSG_NOSIGNAL: a gone client is 08006, not SIGPIPE).
  Status Write(const void* buf, size_t n) override;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace omen::server
