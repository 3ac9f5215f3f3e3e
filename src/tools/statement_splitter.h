#pragma once
// Splits SQL text fed line by line into statements at top-level ';', the
// way psql does: semicolons inside '...' (and E'...' escapes), "...",
// $tag$...$tag$, -- comments and nested /* */ comments do not split.

#include <string>
#include <vector>

namespace omen::tools {

class StatementSplitter {
 public:
  // Appends text (normally one input line plus '\n') and scans it.
  void Feed(const std::string& text);
  // Statements completed so far (each with its ';', leading whitespace
  // trimmed), oldest first; clears them.
  std::vector<std::string> TakeStatements();
  // True when nothing but whitespace and comments is pending.
  bool PendingEmpty() const { return !has_content_; }
  // The pending incomplete statement (trimmed); clears it. Used at end of input.
  std::string TakeRemainder();
  // psql's %R prompt character: '=' nothing pending, '-' a statement
  // continues, or the open quote: '\'', '"', '$', '*' (a comment).
  char PromptState() const;

 private:
  enum class State { kNormal, kSingle, kDouble, kDollar, kLineComment, kBlockComment };
  void Scan();
  void Emit(size_t end);

  std::string buffer_;
  size_t pos_ = 0;    // next byte of buffer_ to scan
  size_t start_ = 0;  // where the current statement begins
  bool has_content_ = false;
  State state_ = State::kNormal;
  bool backslash_escapes_ = false;  // inside E'...'
  std::string dollar_tag_;          // "$tag$" while in kDollar
  int comment_depth_ = 0;
  std::vector<std::string> done_;
};

}  // namespace omen::tools
