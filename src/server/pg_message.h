#pragma once
// PostgreSQL protocol v3 framing: reading frontend messages from a Stream and
// building backend messages into a buffer that is flushed to the Stream.
//
// Contracts shared with auth (SASL exchange) and the session:
//  - MessageReader::ReadMessage reads exactly one typed message (type byte,
//    int32 length including itself, body). A length below 4 or above the
//    type's limit is a protocol violation (08P01); end of stream inside a
//    message is 08006. Nothing past the message is consumed from the caller's
//    point of view (extra bytes stay buffered for the next call).
//  - MessageWriter::Begin/End frame one message; bytes accumulate in memory
//    until Flush(). Nothing reaches the client before Flush().
// Neither class is thread-safe; each belongs to one session thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/stream.h"

namespace omen::server {

inline constexpr SqlState kConnectionFailure{"08006"};
inline constexpr SqlState kAdminShutdown{"57P01"};

// Largest body accepted for Query, Parse, Bind, CopyData, FunctionCall (PostgreSQL's
// PQ_LARGE_MESSAGE_LIMIT) and for every other message (PQ_SMALL_MESSAGE_LIMIT).
inline constexpr size_t kLargeMessageLimit = (1u << 30) - 1;
inline constexpr size_t kSmallMessageLimit = 10000;
// The startup packet's limit (PostgreSQL's MAX_STARTUP_PACKET_LENGTH).
inline constexpr size_t kStartupPacketLimit = 10000;

// One frontend message: its type byte and its body (without type and length).
struct Message {
  char type = 0;
  std::string body;
};

class MessageReader {
 public:
  // `stream` is not owned and must outlive the reader (see set_stream).
  explicit MessageReader(Stream* stream) : stream_(stream) {}

  // Reads the untyped startup-phase packet (int32 length, then the body).
  // False at a clean end of stream before its first byte. 08P01 on an
  // invalid length, 08006 on end of stream inside the packet.
  Result<bool> ReadStartupPacket(std::string* body);
  // Reads one typed message into *out. False at a clean end of stream before
  // the type byte; errors as described in the file comment.
  Result<bool> ReadMessage(Message* out);
  // True when bytes past the last message are already buffered (a client
  // that pipelines data after SSLRequest must be refused).
  bool HasBuffered() const { return pos_ < buf_.size(); }
  // Switches to another stream (after a TLS handshake). REQUIRES: !HasBuffered().
  void set_stream(Stream* stream) { stream_ = stream; }

 private:
  // Makes at least n bytes available at buf_[pos_]; false on end of stream
  // before any of them when `eof_ok`, 08006 otherwise.
  Result<bool> Fill(size_t n, bool eof_ok);
  Result<bool> ReadBody(size_t length, size_t limit, std::string* body);

  Stream* stream_;
  std::string buf_;
  size_t pos_ = 0;
};

// Reads the fields of one message body in order. Reading past the end sets
// a sticky failure (08P01 "invalid message format"); values read after it
// are zero/empty. Check status() before acting on what was read.
class BodyReader {
 public:
  explicit BodyReader(std::string_view body) : body_(body) {}
  uint8_t Byte();
  int16_t Int16();
  int32_t Int32();
  // A NUL-terminated string (without the NUL).
  std::string_view CString();
  // The next n bytes.
  std::string_view Bytes(size_t n);
  size_t remaining() const { return body_.size() - pos_; }
  // OK, or 08P01 if a read failed or (when `require_end`) bytes remain unread.
  Status status(bool require_end = true) const;

 private:
  bool Take(size_t n);
  std::string_view body_;
  size_t pos_ = 0;
  bool failed_ = false;
};

class MessageWriter {
 public:
  explicit MessageWriter(Stream* stream) : stream_(stream) {}

  // Starts a message of `type`. REQUIRES: no open message, type != 0.
  void Begin(char type);
  void Byte(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void Int16(int16_t v);
  void Int32(int32_t v);
  // `s` followed by a NUL. REQUIRES: s has no NUL byte.
  void CString(std::string_view s);
  void Bytes(std::string_view s) { buf_.append(s); }
  // Closes the open message: writes its length.
  void End();
  // Drops the open message (an error while building it). No-op when none is open.
  void DiscardOpen();
  // Sends every complete message. 08006 when the client is gone.
  Status Flush();
  // Flushes when more than `threshold` bytes are waiting.
  Status FlushIfLarge(size_t threshold = 1 << 16) {
    return buf_.size() > threshold ? Flush() : Status::OK();
  }
  // Sends one raw byte immediately (the answer to SSLRequest/GSSENCRequest).
  Status WriteRawByte(char c);
  void set_stream(Stream* stream) { stream_ = stream; }

 private:
  Stream* stream_;
  std::string buf_;
  size_t open_ = std::string::npos;  // offset of the open message's length field
};

enum class Severity : uint8_t { kError, kFatal, kNotice, kWarning };

// Appends an ErrorResponse ('E') or, for kNotice/kWarning, a NoticeResponse
// ('N') for `status`: fields S and V (severity), C (SQLSTATE), M, and D, H,
// P when the status has them. REQUIRES: !status.ok() for errors.
void WriteErrorOrNotice(MessageWriter* w, const Status& status, Severity severity);
// Appends a NoticeResponse with only S, V, C and M: for notices whose code is
// a success or warning class (00000, 01000), which a Status cannot carry.
void WriteNotice(MessageWriter* w, SqlState code, std::string_view message, Severity severity);

}  // namespace omen::server
