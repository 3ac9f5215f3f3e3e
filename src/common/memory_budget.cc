#include "common/memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>

#include "common/value.h"
#include "common/vector.h"

namespace omen {

namespace {

thread_local MemoryBudget* current_budget = nullptr;


int64_t CgroupLimit() {
  std::ifstream f("/sys/fs/cgroup/memory.max");
  std::string text;
  if (!(f >> text) || text == "max") return 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  return end != nullptr && *end == '\0' && v > 0 ? static_cast<int64_t>(v) : 0;
}

std::string FormatBytes(int64_t b) {
  return std::to_string(b) + " bytes";
}

}  // namespace

const char* MemoryComponentName(MemoryComponent c) {
  switch (c) {
    case MemoryComponent::kTableData: return "table data";
    case MemoryComponent::kVersions: return "row versions";
    case MemoryComponent::kOperators: return "query operators";
    case MemoryComponent::kResults: return "result sets";
  }
  return "memory";
}

MemoryBudget::MemoryBudget(int64_t limit_bytes)
    : limit_(limit_bytes > 0 ? limit_bytes : DefaultLimit()) {
  for (auto& c : by_component_) c.store(0, std::memory_order_relaxed);
}

int64_t MemoryBudget::DefaultLimit() {
  int64_t ram = static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE);
  int64_t cgroup = CgroupLimit();
  if (cgroup > 0 && (ram <= 0 || cgroup < ram)) ram = cgroup;
  if (ram <= 0) ram = int64_t{4} << 30;
  return ram / 2;
}

Result<int64_t> MemoryBudget::ParseSize(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  auto bad = [&] {
    return Status(sqlstate::kInvalidParameterValue, "invalid memory size \"" + text + "\"")
        .WithHint("Valid units are \"B\", \"kB\", \"MB\", \"GB\" and \"TB\".");
  };
  if (i == digits || i - digits > 15) return bad();
  int64_t value = std::stoll(text.substr(digits, i - digits));
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string unit;
  for (; i < text.size(); ++i) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  int shift = 0;
  if (unit.empty() || unit == "b") {
    shift = 0;
  } else if (unit == "kb" || unit == "kib" || unit == "k") {
    shift = 10;
  } else if (unit == "mb" || unit == "mib" || unit == "m") {
    shift = 20;
  } else if (unit == "gb" || unit == "gib" || unit == "g") {
    shift = 30;
  } else if (unit == "tb" || unit == "tib" || unit == "t") {
    shift = 40;
  } else {
    return bad();
  }
  if (value <= 0 || value > (int64_t{1} << (62 - shift))) return bad();
  return value << shift;
}

Status MemoryBudget::Reserve(int64_t bytes, MemoryComponent c) {
  if (bytes <= 0) return Status::OK();
  int64_t limit = this->limit();
  int64_t before = used_.fetch_add(bytes, std::memory_order_relaxed);
  if (before + bytes > limit) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return Status(sqlstate::kOutOfMemory, "out of memory")
        .WithDetail("Failed on request of size " + std::to_string(bytes) + " for " +
                    MemoryComponentName(c) + ": the memory budget of " + FormatBytes(limit) +
                    " has " + FormatBytes(std::max<int64_t>(0, limit - before)) + " left.")
        .WithHint("Raise the budget (omendb serve --memory-budget) or make the statement "
                  "touch fewer rows.");
  }
  by_component_[static_cast<size_t>(c)].fetch_add(bytes, std::memory_order_relaxed);
  return Status::OK();
}

void MemoryBudget::ForceCharge(int64_t bytes, MemoryComponent c) {
  if (bytes <= 0) return;
  used_.fetch_add(bytes, std::memory_order_relaxed);
  by_component_[static_cast<size_t>(c)].fetch_add(bytes, std::memory_order_relaxed);
}

void MemoryBudget::Release(int64_t bytes, MemoryComponent c) {
  if (bytes <= 0) return;
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  by_component_[static_cast<size_t>(c)].fetch_sub(bytes, std::memory_order_relaxed);
}

MemoryBudget* CurrentBudget() { return current_budget; }

ScopedCurrentBudget::ScopedCurrentBudget(MemoryBudget* budget) : saved_(current_budget) {
  current_budget = budget;
}

ScopedCurrentBudget::~ScopedCurrentBudget() { current_budget = saved_; }

MemoryReservation::~MemoryReservation() {
  if (budget_ != nullptr) budget_->Release(held_, component_);
}

Status MemoryReservation::Grow(int64_t bytes) {
  if (budget_ == nullptr || bytes <= 0) return Status::OK();
  OMEN_RETURN_IF_ERROR(budget_->Reserve(bytes, component_));
  held_ += bytes;
  return Status::OK();
}

int64_t StringHeap(const std::string& s) {
  return s.capacity() > 15 ? static_cast<int64_t>(s.capacity()) + 1 : 0;
}

int64_t EstimateBytes(const Value& v) {
  return static_cast<int64_t>(sizeof(Value)) + StringHeap(v.s);
}

int64_t EstimateStringHeap(const DataChunk& chunk) {
  int64_t total = 0;
  for (const Vector& v : chunk.columns) {
    if (v.type().physical() != PhysicalType::kString) continue;
    const std::string* s = v.str();
    for (size_t i = 0; i < v.size(); ++i) total += StringHeap(s[i]);
  }
  return total;
}

int64_t EstimateBytes(const DataChunk& chunk) {
  int64_t total = 0;
  for (const Vector& v : chunk.columns) {
    size_t n = v.size();
    int64_t per_row = 1;  // the null flag
    switch (v.type().physical()) {
      case PhysicalType::kInt64: per_row += sizeof(int64_t); break;
      case PhysicalType::kDouble: per_row += sizeof(double); break;
      case PhysicalType::kNumeric: per_row += sizeof(Numeric); break;
      case PhysicalType::kString: {
        per_row += sizeof(std::string);
        const std::string* s = v.str();
        for (size_t i = 0; i < n; ++i) total += StringHeap(s[i]);
        break;
      }
    }
    total += per_row * static_cast<int64_t>(n);
  }
  return total;
}

}  // namespace omen
