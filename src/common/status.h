#pragma once
// Status and Result<T>: how every fallible OmenDB function reports failure.
// A failed Status carries a SQLSTATE and a message a PostgreSQL user would
// recognise; optional detail and hint mirror PostgreSQL's error fields.
// OMEN_DCHECK is for programmer errors only; bad input is never an assertion.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "common/sqlstate.h"

namespace omen {

class [[nodiscard]] Status {
 public:
  // An OK status. Cheap: no allocation.
  Status() = default;
  Status(SqlState code, std::string message);

  static Status OK() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  // SQLSTATE 00000 when ok().
  SqlState code() const { return ok() ? sqlstate::kSuccessfulCompletion : rep_->code; }
  // Empty when ok().
  const std::string& message() const;
  const std::string& detail() const;
  const std::string& hint() const;

  // Attach PostgreSQL's DETAIL / HINT fields. REQUIRES: !ok().
  Status& WithDetail(std::string detail);
  Status& WithHint(std::string hint);
  // The 1-based character position in the statement text the error refers
  // to (PostgreSQL's P field); 0 when none. REQUIRES for the setter: !ok().
  int position() const { return ok() ? 0 : rep_->position; }
  Status& WithPosition(int position);

  // "ERROR:  <message> (SQLSTATE xxxxx)" style text for logs and tests.
  std::string ToString() const;

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

 private:
  struct Rep {
    SqlState code;
    std::string message;
    std::string detail;
    std::string hint;
    int position = 0;
  };
  std::unique_ptr<Rep> rep_;
};

// Either a value of type T or a failed Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok().
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The failure, or OK.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Moves the failure out. REQUIRES: !ok().
  Status TakeStatus() && { return std::get<Status>(std::move(v_)); }

 private:
  std::variant<T, Status> v_;
};

namespace internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);
}  // namespace internal

}  // namespace omen

#define OMEN_STATUS_CONCAT_INNER(a, b) a##b
#define OMEN_STATUS_CONCAT(a, b) OMEN_STATUS_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function if it failed.
#define OMEN_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::omen::Status omen_status_ = (expr);        \
    if (!omen_status_.ok()) return omen_status_; \
  } while (0)

// `lhs = value of expr` when the Result is ok, otherwise returns its Status.
#define OMEN_ASSIGN_OR_RETURN(lhs, expr) \
  OMEN_ASSIGN_OR_RETURN_IMPL(OMEN_STATUS_CONCAT(omen_result_, __LINE__), lhs, expr)
#define OMEN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)   \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).TakeStatus(); \
  lhs = std::move(tmp).value()

// Checked in every build: for conditions whose failure would corrupt data.
#define OMEN_CHECK(cond) \
  ((cond) ? (void)0 : ::omen::internal::CheckFailed(__FILE__, __LINE__, #cond))

// Checked in debug builds only: programmer errors.
#ifdef NDEBUG
#define OMEN_DCHECK(cond) ((void)sizeof(!(cond)))
#else
#define OMEN_DCHECK(cond) OMEN_CHECK(cond)
#endif
