#include "server/pg_message.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace omen::server {

namespace {

Status ProtocolError(std::string message) {
  return Status(sqlstate::kProtocolViolation, std::move(message));
}

size_t LimitFor(char type) {
  switch (type) {
    case 'Q':
    case 'P':
    case 'B':
    case 'd':
    case 'F':
      return kLargeMessageLimit;
    default:
      return kSmallMessageLimit;
  }
}

uint32_t LoadBigEndian32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return ntohl(v);
}

}  // namespace

Result<bool> MessageReader::Fill(size_t n, bool eof_ok) {
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  }
  bool first = true;
  while (buf_.size() - pos_ < n) {
    char tmp[8192];
    OMEN_ASSIGN_OR_RETURN(size_t got, stream_->Read(tmp, sizeof(tmp)));
    if (got == 0) {
      if (eof_ok && first && buf_.size() == pos_) return false;
      return Status(kConnectionFailure, "unexpected EOF on client connection");
    }
    buf_.append(tmp, got);
    first = false;
  }
  return true;
}

Result<bool> MessageReader::ReadBody(size_t length, size_t limit, std::string* body) {
  if (length < 4 || length - 4 > limit) {
    return ProtocolError("invalid message length " + std::to_string(length));
  }
  size_t n = length - 4;
  body->clear();
  // Large bodies arrive in pieces; memory grows only as bytes really arrive.
  while (body->size() < n) {
    size_t need = std::min<size_t>(n - body->size(), 1 << 20);
    OMEN_ASSIGN_OR_RETURN(bool got, Fill(need, false));
    (void)got;
    body->append(buf_, pos_, need);
    pos_ += need;
  }
  return true;
}

Result<bool> MessageReader::ReadStartupPacket(std::string* body) {
  OMEN_ASSIGN_OR_RETURN(bool any, Fill(4, true));
  if (!any) return false;
  uint32_t length = LoadBigEndian32(buf_.data() + pos_);
  pos_ += 4;
  if (length < 8) return ProtocolError("invalid length of startup packet");
  return ReadBody(length, kStartupPacketLimit, body);
}

Result<bool> MessageReader::ReadMessage(Message* out) {
  OMEN_ASSIGN_OR_RETURN(bool any, Fill(1, true));
  if (!any) return false;
  OMEN_ASSIGN_OR_RETURN(bool header, Fill(5, false));
  (void)header;
  out->type = buf_[pos_];
  uint32_t length = LoadBigEndian32(buf_.data() + pos_ + 1);
  pos_ += 5;
  return ReadBody(length, LimitFor(out->type), &out->body);
}

bool BodyReader::Take(size_t n) {
  if (failed_ || body_.size() - pos_ < n) {
    failed_ = true;
    return false;
  }
  return true;
}

uint8_t BodyReader::Byte() {
  if (!Take(1)) return 0;
  return static_cast<uint8_t>(body_[pos_++]);
}

int16_t BodyReader::Int16() {
  if (!Take(2)) return 0;
  uint16_t v;
  std::memcpy(&v, body_.data() + pos_, 2);
  pos_ += 2;
  return static_cast<int16_t>(ntohs(v));
}

int32_t BodyReader::Int32() {
  if (!Take(4)) return 0;
  int32_t v = static_cast<int32_t>(LoadBigEndian32(body_.data() + pos_));
  pos_ += 4;
  return v;
}

std::string_view BodyReader::CString() {
  if (failed_) return {};
  size_t end = body_.find('\0', pos_);
  if (end == std::string_view::npos) {
    failed_ = true;
    return {};
  }
  std::string_view s = body_.substr(pos_, end - pos_);
  pos_ = end + 1;
  return s;
}

std::string_view BodyReader::Bytes(size_t n) {
  if (!Take(n)) return {};
  std::string_view s = body_.substr(pos_, n);
  pos_ += n;
  return s;
}

Status BodyReader::status(bool require_end) const {
  if (failed_ || (require_end && pos_ != body_.size())) {
    return ProtocolError("invalid message format");
  }
  return Status::OK();
}

void MessageWriter::Begin(char type) {
  OMEN_DCHECK(open_ == std::string::npos && type != 0);
  buf_.push_back(type);
  open_ = buf_.size();
  buf_.append(4, '\0');
}

void MessageWriter::Int16(int16_t v) {
  uint16_t n = htons(static_cast<uint16_t>(v));
  buf_.append(reinterpret_cast<const char*>(&n), 2);
}

void MessageWriter::Int32(int32_t v) {
  uint32_t n = htonl(static_cast<uint32_t>(v));
  buf_.append(reinterpret_cast<const char*>(&n), 4);
}

void MessageWriter::CString(std::string_view s) {
  buf_.append(s);
  buf_.push_back('\0');
}

void MessageWriter::End() {
  OMEN_DCHECK(open_ != std::string::npos);
  uint32_t n = htonl(static_cast<uint32_t>(buf_.size() - open_));
  std::memcpy(buf_.data() + open_, &n, 4);
  open_ = std::string::npos;
}

void MessageWriter::DiscardOpen() {
  if (open_ == std::string::npos) return;
  // The type byte precedes the length field of a typed message.
  buf_.resize(open_ - 1);
  open_ = std::string::npos;
}

Status MessageWriter::Flush() {
  OMEN_DCHECK(open_ == std::string::npos);
  if (buf_.empty()) return Status::OK();
  Status s = stream_->Write(buf_.data(), buf_.size());
  buf_.clear();
  return s;
}

Status MessageWriter::WriteRawByte(char c) {
  OMEN_RETURN_IF_ERROR(Flush());
  return stream_->Write(&c, 1);
}

namespace {

void WriteFields(MessageWriter* w, Severity severity, SqlState code, std::string_view message,
                 std::string_view detail, std::string_view hint, int position) {
  const char* name = "ERROR";
  switch (severity) {
    case Severity::kError:
      name = "ERROR";
      break;
    case Severity::kFatal:
      name = "FATAL";
      break;
    case Severity::kNotice:
      name = "NOTICE";
      break;
    case Severity::kWarning:
      name = "WARNING";
      break;
  }
  bool notice = severity == Severity::kNotice || severity == Severity::kWarning;
  w->Begin(notice ? 'N' : 'E');
  w->Byte('S');
  w->CString(name);
  w->Byte('V');
  w->CString(name);
  w->Byte('C');
  w->CString(code.code());
  w->Byte('M');
  w->CString(message);
  if (!detail.empty()) {
    w->Byte('D');
    w->CString(detail);
  }
  if (!hint.empty()) {
    w->Byte('H');
    w->CString(hint);
  }
  if (position > 0) {
    w->Byte('P');
    w->CString(std::to_string(position));
  }
  w->Byte(0);
  w->End();
}

}  // namespace

void WriteErrorOrNotice(MessageWriter* w, const Status& status, Severity severity) {
  WriteFields(w, severity, status.code(), status.message(), status.detail(), status.hint(),
              status.position());
}

void WriteNotice(MessageWriter* w, SqlState code, std::string_view message, Severity severity) {
  WriteFields(w, severity, code, message, {}, {}, 0);
}

}  // namespace omen::server
