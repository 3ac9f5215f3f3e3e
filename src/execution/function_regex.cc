// Regular expressions: the ~ ~* !~ !~* operators and regexp_replace.
// std::regex's ECMAScript grammar stands in for PostgreSQL's ARE syntax; the
// common subset (classes, anchors, groups, quantifiers, \d \w \s) agrees.
// Compiled patterns are cached per thread.

#include <regex>
#include <string>
#include <string_view>

#include "execution/function_scalar_internal.h"

namespace omen::execution::internal {

namespace {

// The compiled form of `pattern`, or a 2201B error. std::regex reports a bad
// pattern by throwing; the exception is caught here and never escapes.
Result<const std::regex*> Compile(std::string_view pattern, bool icase) {
  struct Entry {
    std::string pattern;
    bool icase = false;
    std::regex re;
    bool valid = false;
  };
  thread_local Entry cache[2];
  Entry& e = cache[icase ? 1 : 0];
  if (!e.valid || e.pattern != pattern) {
    e.valid = false;
    std::regex::flag_type flags = icase ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript;
    try {
      e.re = std::regex(pattern.begin(), pattern.end(), flags);
    } catch (const std::regex_error& err) {
      return Status(SqlState("2201B"), std::string("invalid regular expression: ") + err.what());
    }
    e.pattern = std::string(pattern);
    e.valid = true;
  }
  return &e.re;
}

struct GetStr {
  static std::string_view Get(const Vector& v, size_t i) { return v.str()[i]; }
};

template <bool kNegate, bool kIcase>
Status RegexMatch(const std::vector<const Vector*>& args, size_t n, Vector* out) {
  out->Resize(n);
  StrictNulls(args, n, out);
  const uint8_t* nulls = out->nulls();
  int64_t* dst = out->i64();
  for (size_t i = 0; i < n; ++i) {
    if (nulls[i]) continue;
    OMEN_ASSIGN_OR_RETURN(const std::regex* re, Compile(args[1]->str()[i], kIcase));
    const std::string& s = args[0]->str()[i];
    dst[i] = std::regex_search(s.begin(), s.end(), *re) != kNegate ? 1 : 0;
  }
  return Status::OK();
}

// PostgreSQL replacement text (\1..\9, \& for the match) as std::regex's ($1, $&).
std::string ToEcmaReplacement(std::string_view repl) {
  std::string r;
  for (size_t i = 0; i < repl.size(); ++i) {
    char c = repl[i];
    if (c == '\\' && i + 1 < repl.size()) {
      char d = repl[++i];
      if (d >= '1' && d <= '9') {
        r += '$';
        r += d;
      } else if (d == '&') {
        r += "$&";
      } else {
        r += d;
      }
    } else if (c == '$') {
      r += "$$";
    } else {
      r += c;
    }
  }
  return r;
}

Status RegexpReplace(const std::vector<Value>& a, Value* out) {
  std::string_view flags = a.size() > 3 ? std::string_view(a[3].s) : std::string_view();
  bool global = flags.find('g') != std::string_view::npos;
  bool icase = flags.find('i') != std::string_view::npos;
  for (char f : flags) {
    if (f != 'g' && f != 'i') {
      return Status(sqlstate::kInvalidParameterValue, std::string("invalid regular expression option: \"") + f + "\"");
    }
  }
  OMEN_ASSIGN_OR_RETURN(const std::regex* re, Compile(a[1].s, icase));
  auto mode = global ? std::regex_constants::format_default : std::regex_constants::format_first_only;
  out->s = std::regex_replace(a[0].s, *re, ToEcmaReplacement(a[2].s), mode);
  return Status::OK();
}

}  // namespace

ScalarKernel RegexOperatorKernel(const std::string& op) {
  if (op == "~") return &RegexMatch<false, false>;
  if (op == "~*") return &RegexMatch<false, true>;
  if (op == "!~") return &RegexMatch<true, false>;
  if (op == "!~*") return &RegexMatch<true, true>;
  return nullptr;
}

void AddRegexFunctions(std::vector<NamedFn>* fns) { fns->push_back({"regexp_replace", kRow<&RegexpReplace>}); }

}  // namespace omen::execution::internal
