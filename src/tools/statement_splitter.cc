#include "tools/statement_splitter.h"

#include <cctype>

namespace omen::tools {
namespace {

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The "$tag$" opening at buffer[i], or "" if none.
std::string DollarTagAt(const std::string& buffer, size_t i) {
  size_t j = i + 1;
  if (j < buffer.size() && std::isdigit(static_cast<unsigned char>(buffer[j]))) return "";
  while (j < buffer.size() && IsIdentChar(buffer[j])) ++j;
  if (j < buffer.size() && buffer[j] == '$') return buffer.substr(i, j - i + 1);
  return "";
}

}  // namespace

void StatementSplitter::Feed(const std::string& text) {
  buffer_ += text;
  Scan();
}

void StatementSplitter::Emit(size_t end) {
  // Like psql, the statement keeps its ';' (error positions count from its start).
  std::string stmt = Trim(buffer_.substr(start_, end + 1 - start_));
  if (has_content_ && !stmt.empty()) done_.push_back(std::move(stmt));
  has_content_ = false;
  start_ = end + 1;
}

void StatementSplitter::Scan() {
  for (; pos_ < buffer_.size(); ++pos_) {
    const char c = buffer_[pos_];
    const char next = pos_ + 1 < buffer_.size() ? buffer_[pos_ + 1] : '\0';
    switch (state_) {
      case State::kNormal:
        if (c == '-' && next == '-') {
          state_ = State::kLineComment;
          ++pos_;
        } else if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          comment_depth_ = 1;
          ++pos_;
        } else if (c == ';') {
          Emit(pos_);
        } else {
          if (!std::isspace(static_cast<unsigned char>(c))) has_content_ = true;
          if (c == '\'') {
            char prev = pos_ > 0 ? buffer_[pos_ - 1] : ' ';
            char prev2 = pos_ > 1 ? buffer_[pos_ - 2] : ' ';
            backslash_escapes_ = (prev == 'E' || prev == 'e') && !IsIdentChar(prev2);
            state_ = State::kSingle;
          } else if (c == '"') {
            state_ = State::kDouble;
          } else if (c == '$' && (pos_ == 0 || !IsIdentChar(buffer_[pos_ - 1]))) {
            dollar_tag_ = DollarTagAt(buffer_, pos_);
            if (!dollar_tag_.empty()) {
              state_ = State::kDollar;
              pos_ += dollar_tag_.size() - 1;
            }
          }
        }
        break;
      case State::kSingle:
        if (c == '\\' && backslash_escapes_) {
          ++pos_;
        } else if (c == '\'') {
          if (next == '\'') {
            ++pos_;
          } else {
            state_ = State::kNormal;
          }
        }
        break;
      case State::kDouble:
        if (c == '"') state_ = State::kNormal;
        break;
      case State::kDollar:
        if (c == '$' && buffer_.compare(pos_, dollar_tag_.size(), dollar_tag_) == 0) {
          pos_ += dollar_tag_.size() - 1;
          state_ = State::kNormal;
        }
        break;
      case State::kLineComment:
        if (c == '\n') state_ = State::kNormal;
        break;
      case State::kBlockComment:
        if (c == '/' && next == '*') {
          ++comment_depth_;
          ++pos_;
        } else if (c == '*' && next == '/') {
          ++pos_;
          if (--comment_depth_ == 0) state_ = State::kNormal;
        }
        break;
    }
  }
  if (pos_ > buffer_.size()) pos_ = buffer_.size();
  // Drop the consumed prefix so long scripts do not grow the buffer.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    pos_ -= start_;
    start_ = 0;
  }
}

std::vector<std::string> StatementSplitter::TakeStatements() {
  std::vector<std::string> out;
  out.swap(done_);
  return out;
}

std::string StatementSplitter::TakeRemainder() {
  std::string rest = has_content_ ? Trim(buffer_.substr(start_)) : "";
  buffer_.clear();
  pos_ = start_ = 0;
  has_content_ = false;
  state_ = State::kNormal;
  return rest;
}

char StatementSplitter::PromptState() const {
  switch (state_) {
    case State::kSingle:
      return '\'';
    case State::kDouble:
      return '"';
    case State::kDollar:
      return '$';
    case State::kBlockComment:
      return '*';
    default:
      return has_content_ ? '-' : '=';
  }
}

}  // namespace omen::tools
