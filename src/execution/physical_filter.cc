#include "execution/physical_filter.h"

#include <string>

#include "execution/expression_executor.h"

namespace omen::execution {

std::vector<std::string> PhysicalFilter::Details() const {
  if (!op_.filter) return {};
  std::vector<std::string> out = {"Filter: " + op_.filter->ToString()};
  if (loops() > 0) out.push_back("Rows Removed by Filter: " + std::to_string((removed_ + loops() / 2) / loops()));
  return out;
}

Result<PushResult> PhysicalFilter::Produce(ExecState& state, const ChunkConsumer& consumer) {
  std::vector<uint32_t> sel;
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    if (op_.filter) {
      OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *op_.filter, chunk, &sel));
      removed_ += chunk.size - sel.size();
      if (sel.empty()) return PushResult::kNeedMore;
      if (sel.size() != chunk.size) chunk.Select(sel.data(), sel.size());
    }
    return consumer(chunk);
  });
}

}  // namespace omen::execution
