#include "server/plain_stream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "server/pg_message.h"

namespace omen::server {

PlainStream::~PlainStream() {
  if (fd_ >= 0) close(fd_);
}

Result<size_t> PlainStream::Read(void* buf, size_t n) {
  for (;;) {
    ssize_t got = recv(fd_, buf, n, 0);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    if (errno == ECONNRESET) return size_t{0};
    return Status(kConnectionFailure,
                  std::string("could not receive data from client: ") + std::strerror(errno));
  }
}

Status PlainStream::Write(const void* buf, size_t n) {
  const char* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t put = send(fd_, p, n, MSG_NOSIGNAL);
    if (put < 0) {
      if (errno == EINTR) continue;
      return Status(kConnectionFailure,
                    std::string("could not send data to client: ") + std::strerror(errno));
    }
    p += put;
    n -= static_cast<size_t>(put);
  }
  return Status::OK();
}

}  // namespace omen::server
