#include "sql/parse_tree_walk.h"

#include <cstddef>
#include <cstdint>

namespace omen::sql {

void WalkParseTree(const ProtobufCMessage& msg, const ParseTreeVisitor& visit) {
  if (!visit(msg)) return;
  const ProtobufCMessageDescriptor* desc = msg.descriptor;
  const char* base = reinterpret_cast<const char*>(&msg);
  for (unsigned i = 0; i < desc->n_fields; ++i) {
    const ProtobufCFieldDescriptor* f = &desc->fields[i];
    if (f->type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
      size_t n = *reinterpret_cast<const size_t*>(base + f->quantifier_offset);
      auto* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f->offset);
      for (size_t k = 0; k < n; ++k) {
        if (items[k] != nullptr) WalkParseTree(*items[k], visit);
      }
      continue;
    }
    if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + f->quantifier_offset) != f->id) {
      continue;
    }
    auto* sub = *reinterpret_cast<ProtobufCMessage* const*>(base + f->offset);
    if (sub != nullptr) WalkParseTree(*sub, visit);
  }
}

}  // namespace omen::sql
