#include "common/time_zone.h"

#include <dirent.h>
#include <strings.h>
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/interval.h"
#include "common/type_io_internal.h"

namespace omen {

namespace {

constexpr const char* kZoneDir = "/usr/share/zoneinfo";
constexpr int64_t kUnixShiftMicros = 946684800LL * 1000000;  // 1970 -> 2000
constexpr int64_t kUnixShiftSeconds = 946684800LL;

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

bool IsInfinite(int64_t ts) { return ts == typeio::kTsPosInf || ts == typeio::kTsNegInf; }

// The zone file `name` names below kZoneDir, matching each path component
// case-insensitively as PostgreSQL's pg_open_tzfile does; the answer is the
// name spelled as on disk.
std::optional<std::string> FindZoneFile(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.size() > 255) return std::nullopt;
  std::string dir = kZoneDir, canonical;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    std::string part(name.substr(start, slash - start));
    if (part.empty() || part == "." || part == "..") return std::nullopt;
    std::string path = dir + "/" + part;
    struct stat st;
    std::string found;
    if (stat(path.c_str(), &st) == 0) {
      found = part;
    } else if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        if (strcasecmp(e->d_name, part.c_str()) == 0) {
          found = e->d_name;
          break;
        }
      }
      closedir(d);
    }
    if (found.empty()) return std::nullopt;
    dir += "/" + found;
    canonical += (canonical.empty() ? "" : "/") + found;
    start = slash + 1;
  }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(canonical, &tz)) return std::nullopt;
  return canonical;
}

// POSIX "stdoffset" without a DST part ("UTC+3", "<+02>-02"): seconds east.
std::optional<int32_t> ParsePosixFixed(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '<') {
    size_t close = s.find('>');
    if (close == std::string_view::npos || close < 2) return std::nullopt;
    i = close + 1;
  } else {
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    if (i < 3) return std::nullopt;
  }
  int sign = -1;  // POSIX offsets are west-positive
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? 1 : -1;
  int64_t parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    if (p > 0) {
      if (i >= s.size() || s[i] != ':') break;
      ++i;
    }
    size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 3) {
      parts[p] = parts[p] * 10 + (s[i++] - '0');
      ++digits;
    }
    if (digits == 0 || (p > 0 && parts[p] > 59)) return std::nullopt;
  }
  if (i != s.size() || parts[0] > 167) return std::nullopt;  // a DST part: unsupported
  return static_cast<int32_t>(sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]));
}

std::string FormatOffsetParts(int64_t abs_seconds) {
  char buf[32];
  int64_t h = abs_seconds / 3600, m = abs_seconds / 60 % 60, s = abs_seconds % 60;
  std::snprintf(buf, sizeof(buf), "%02lld", static_cast<long long>(h));
  std::string out = buf;
  if (m != 0 || s != 0) {
    std::snprintf(buf, sizeof(buf), ":%02lld", static_cast<long long>(m));
    out += buf;
  }
  if (s != 0) {
    std::snprintf(buf, sizeof(buf), ":%02lld", static_cast<long long>(s));
    out += buf;
  }
  return out;
}

struct Abbrev {
  const char* name;
  int32_t offset;  // seconds east of UTC
};
// Fixed-offset abbreviations of PostgreSQL's "Default" timezone_abbreviations.
constexpr Abbrev kAbbrevs[] = {
    {"utc", 0},         {"ut", 0},          {"gmt", 0},         {"z", 0},           {"zulu", 0},
    {"est", -5 * 3600}, {"edt", -4 * 3600}, {"cst", -6 * 3600}, {"cdt", -5 * 3600}, {"mst", -7 * 3600},
    {"mdt", -6 * 3600}, {"pst", -8 * 3600}, {"pdt", -7 * 3600}, {"akst", -9 * 3600}, {"akdt", -8 * 3600},
    {"hst", -10 * 3600}, {"cet", 3600},     {"cest", 7200},     {"eet", 7200},      {"eest", 10800},
    {"wet", 0},         {"west", 3600},     {"bst", 3600},      {"jst", 9 * 3600},  {"aest", 10 * 3600},
    {"aedt", 11 * 3600}, {"acst", 34200},   {"acdt", 37800},    {"awst", 8 * 3600}, {"nzst", 12 * 3600},
    {"nzdt", 13 * 3600},
};

}  // namespace

TimeZone::TimeZone() : tz_(absl::UTCTimeZone()) {}

std::optional<TimeZone> TimeZone::FromCanonical(std::string_view name) {
  if (std::optional<int32_t> fixed = ParsePosixFixed(name)) {
    // A zone file of that spelling ("EST5EDT" has DST, "GMT0" is a file) wins.
    absl::TimeZone tz;
    if (name.find('<') == std::string_view::npos && absl::LoadTimeZone(std::string(name), &tz)) {
      return TimeZone(tz);
    }
    return Fixed(*fixed);
  }
  if (FindZoneFile(name) != std::optional<std::string>(std::string(name))) return std::nullopt;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(std::string(name), &tz)) return std::nullopt;
  return TimeZone(tz);
}

int32_t TimeZone::OffsetAtUtc(int64_t ts) const {
  if (IsInfinite(ts)) return 0;
  return tz_.At(absl::FromUnixMicros(ts + kUnixShiftMicros)).offset;
}

std::string TimeZone::AbbreviationAtUtc(int64_t ts) const {
  if (IsInfinite(ts)) return "";
  return tz_.At(absl::FromUnixMicros(ts + kUnixShiftMicros)).zone_abbr;
}

int32_t TimeZone::OffsetForLocal(int64_t local) const {
  if (IsInfinite(local)) return 0;
  int64_t secs = FloorDiv(local, 1000000) + kUnixShiftSeconds;
  absl::TimeZone::TimeInfo ti = tz_.At(absl::CivilSecond(1970, 1, 1, 0, 0, 0) + secs);
  absl::Time t = ti.kind == absl::TimeZone::TimeInfo::REPEATED ? ti.post : ti.pre;
  return static_cast<int32_t>(secs - absl::ToUnixSeconds(t));
}

int64_t TimeZone::ToLocal(int64_t ts) const {
  if (IsInfinite(ts)) return ts;
  return ts + int64_t{OffsetAtUtc(ts)} * 1000000;
}

int64_t TimeZone::ToUtc(int64_t local) const {
  if (IsInfinite(local)) return local;
  return local - int64_t{OffsetForLocal(local)} * 1000000;
}

std::optional<std::string> CanonicalTimeZoneName(std::string_view value) {
  std::string text(value);
  if (text.size() > 11 && strncasecmp(text.c_str(), "interval '", 10) == 0 && text.back() == '\'') {
    // SET TIME ZONE INTERVAL '...': an offset east without months or days.
    Result<Interval> iv = ParseInterval(text.substr(10, text.size() - 11));
    if (!iv.ok() || iv->months != 0 || iv->days != 0) return std::nullopt;
    int64_t east = iv->micros / 1000000;
    if (east > 167 * 3600 || east < -167 * 3600) return std::nullopt;
    std::string parts = FormatOffsetParts(east < 0 ? -east : east);
    return east < 0 ? "<-" + parts + ">+" + parts : "<+" + parts + ">-" + parts;
  }
  if (!text.empty()) {
    const char* start = text.c_str();
    char* end = nullptr;
    errno = 0;
    double hours = std::strtod(start, &end);
    if (end != start && *end == '\0') {
      // A number of hours east of UTC, shown as the POSIX zone it becomes.
      if (errno != 0 || !std::isfinite(hours) || std::fabs(hours) > 167) return std::nullopt;
      auto east = static_cast<int64_t>(hours * 3600);
      std::string parts = FormatOffsetParts(east < 0 ? -east : east);
      return east < 0 ? "<-" + parts + ">+" + parts : "<+" + parts + ">-" + parts;
    }
  }
  if (std::optional<std::string> file = FindZoneFile(value)) return file;
  if (ParsePosixFixed(value)) return std::string(value);
  return std::nullopt;
}

std::optional<TimeZone> LookupTimeZone(std::string_view name) {
  for (const Abbrev& a : kAbbrevs) {
    if (name.size() == std::char_traits<char>::length(a.name) &&
        strncasecmp(name.data(), a.name, name.size()) == 0) {
      return TimeZone::Fixed(a.offset);
    }
  }
  if (std::optional<std::string> file = FindZoneFile(name)) return TimeZone::FromCanonical(*file);
  if (name.empty() || name.front() == '+' || name.front() == '-' ||
      std::isdigit(static_cast<unsigned char>(name.front()))) {
    // "+05" is a POSIX offset: five hours west.
    std::optional<int32_t> fixed = ParsePosixFixed("<x>" + std::string(name));
    if (!fixed) return std::nullopt;
    return TimeZone::Fixed(*fixed);
  }
  if (std::optional<int32_t> fixed = ParsePosixFixed(name)) return TimeZone::Fixed(*fixed);
  return std::nullopt;
}

namespace {

struct ThreadZone {
  std::string name = "UTC";
  TimeZone zone;
};
thread_local ThreadZone tls_zone;

}  // namespace

const TimeZone& ThreadTimeZone() { return tls_zone.zone; }

void SetThreadTimeZone(std::string_view canonical_name) {
  if (tls_zone.name == canonical_name) return;
  std::optional<TimeZone> tz = TimeZone::FromCanonical(canonical_name);
  tls_zone.zone = tz ? *tz : TimeZone();
  tls_zone.name = std::string(canonical_name);
}

std::string FormatUtcOffset(int32_t seconds) {
  int64_t s = seconds;
  return (s < 0 ? "-" : "+") + FormatOffsetParts(s < 0 ? -s : s);
}

}  // namespace omen
