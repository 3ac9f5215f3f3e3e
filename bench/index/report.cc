#include "bench/index/report.h"

#include <cstdio>
#include <string>

namespace omen::bench {
namespace {

const Result& Baseline(const Case& c) { return c.results[1]; }

// "value (ratio×)" or "-" when the contender has no such operation.
std::string Cell(double value, double baseline, bool present, const char* fmt) {
  if (!present) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  std::string out = buf;
  if (baseline > 0) {
    std::snprintf(buf, sizeof buf, " (%.2fx)", value / baseline);
    out += buf;
  }
  return out;
}

}  // namespace

std::vector<std::string> Split(const std::string& csv) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= csv.size()) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    if (comma > start) out.push_back(csv.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

void PrintCase(const Case& c) {
  const Result& b = Baseline(c);
  std::printf("\n### %zu keys, %s\n\n", c.size, c.dataset.c_str());
  std::printf(
      "| index | bulk load ms (lower better) | inserts Mops/s | lookups Mops/s | dependent lookup "
      "ns (lower better) | scans of 100 Mscans/s | erases Mops/s | heap bytes/key (lower "
      "better) | depth |\n|---|---|---|---|---|---|---|---|---|\n");
  for (const Result& r : c.results) {
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.name.c_str(),
                Cell(r.bulk_ms, b.bulk_ms, true, "%.1f").c_str(),
                Cell(r.insert_mops, b.insert_mops, r.writable, "%.2f").c_str(),
                Cell(r.lookup_mops, b.lookup_mops, true, "%.2f").c_str(),
                Cell(r.latency_ns, b.latency_ns, true, "%.0f").c_str(),
                Cell(r.scan_mops, b.scan_mops, true, "%.3f").c_str(),
                Cell(r.erase_mops, b.erase_mops, r.writable, "%.2f").c_str(),
                Cell(r.bytes_per_key, b.bytes_per_key, true, "%.1f").c_str(),
                r.depth > 0 ? std::to_string(r.depth).c_str() : "-");
  }
  for (const Result& r : c.results) {
    if (r.self_bytes_per_key > 0) {
      std::printf("\n%s counts %.1f bytes/key itself (MemoryBytes()).\n", r.name.c_str(),
                  r.self_bytes_per_key);
    }
  }
  std::fflush(stdout);
}

bool CheckAgreement(const Case& c) {
  bool ok = true;
  const Result& b = Baseline(c);
  auto check = [&](const Result& r, const char* what, uint64_t got, uint64_t want) {
    if (got == want) return;
    std::printf("MISMATCH %zu keys %s: %s %s = %llu, %s has %llu\n", c.size, c.dataset.c_str(),
                r.name.c_str(), what, static_cast<unsigned long long>(got), b.name.c_str(),
                static_cast<unsigned long long>(want));
    ok = false;
  };
  for (const Result& r : c.results) {
    check(r, "lookup checksum", r.lookup_sum, b.lookup_sum);
    check(r, "dependent-lookup checksum", r.latency_sum, b.latency_sum);
    check(r, "scan checksum", r.scan_sum, b.scan_sum);
    if (!r.writable) continue;
    check(r, "inserted", r.inserted, b.inserted);
    check(r, "erased", r.erased, b.erased);
    check(r, "post-insert checksum", r.insert_check, b.insert_check);
  }
  return ok;
}

bool WriteJson(const std::string& path, const std::vector<Case>& cases) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    std::perror(path.c_str());
    return false;
  }
  std::fprintf(f, "[\n");
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const Result& b = Baseline(c);
    std::fprintf(f, "  {\"keys\": %zu, \"dataset\": \"%s\", \"baseline\": \"%s\", \"results\": [\n",
                 c.size, c.dataset.c_str(), b.name.c_str());
    for (size_t j = 0; j < c.results.size(); ++j) {
      const Result& r = c.results[j];
      auto ratio = [](double v, double base) { return base > 0 ? v / base : 0.0; };
      std::fprintf(f,
                   "    {\"index\": \"%s\", \"bulk_load_ms\": %.3f, \"inserts_mops\": %.4f, "
                   "\"lookups_mops\": %.4f, \"dependent_lookup_ns\": %.2f, \"scans_mops\": %.5f, "
                   "\"erases_mops\": %.4f, \"heap_bytes_per_key\": %.3f, "
                   "\"self_reported_bytes_per_key\": %.3f, \"depth\": %d, \"ratio_to_baseline\": "
                   "{\"bulk_load_ms\": %.3f, \"inserts_mops\": %.3f, \"lookups_mops\": %.3f, "
                   "\"dependent_lookup_ns\": %.3f, \"scans_mops\": %.3f, \"erases_mops\": %.3f, "
                   "\"heap_bytes_per_key\": %.3f}}%s\n",
                   r.name.c_str(), r.bulk_ms, r.insert_mops, r.lookup_mops, r.latency_ns,
                   r.scan_mops, r.erase_mops, r.bytes_per_key, r.self_bytes_per_key, r.depth,
                   ratio(r.bulk_ms, b.bulk_ms), ratio(r.insert_mops, b.insert_mops),
                   ratio(r.lookup_mops, b.lookup_mops), ratio(r.latency_ns, b.latency_ns),
                   ratio(r.scan_mops, b.scan_mops), ratio(r.erase_mops, b.erase_mops),
                   ratio(r.bytes_per_key, b.bytes_per_key), j + 1 < c.results.size() ? "," : "");
    }
    std::fprintf(f, "  ]}%s\n", i + 1 < cases.size() ? "," : "");
  }
  std::fprintf(f, "]\n");
  return std::fclose(f) == 0;
}

}  // namespace omen::bench
