#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace omen {

namespace {
const std::string& EmptyString() {
  static const std::string* empty = new std::string();
  return *empty;
}
}  // namespace

Status::Status(SqlState code, std::string message)
    : rep_(std::make_unique<Rep>(Rep{code, std::move(message), {}, {}, 0})) {
  OMEN_DCHECK(!code.ok());
}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

const std::string& Status::message() const { return ok() ? EmptyString() : rep_->message; }
const std::string& Status::detail() const { return ok() ? EmptyString() : rep_->detail; }
const std::string& Status::hint() const { return ok() ? EmptyString() : rep_->hint; }

Status& Status::WithDetail(std::string detail) {
  OMEN_DCHECK(!ok());
  if (rep_) rep_->detail = std::move(detail);
  return *this;
}

Status& Status::WithHint(std::string hint) {
  OMEN_DCHECK(!ok());
  if (rep_) rep_->hint = std::move(hint);
  return *this;
}

Status& Status::WithPosition(int position) {
  OMEN_DCHECK(!ok());
  if (rep_) rep_->position = position;
  return *this;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = "ERROR:  " + rep_->message + " (SQLSTATE " + std::string(code().code()) + ")";
  if (!rep_->detail.empty()) out += "\nDETAIL:  " + rep_->detail;
  if (!rep_->hint.empty()) out += "\nHINT:  " + rep_->hint;
  return out;
}

namespace internal {
void CheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, condition);
  std::fflush(stderr);
  std::abort();
}
}  // namespace internal

}  // namespace omen
