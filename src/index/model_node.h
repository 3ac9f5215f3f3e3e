#pragma once
// ModelNode: an inner node of the learned index. Its linear model maps a key
// to one of fanout_ slots; a run of adjacent slots may point to one child.
// Routing is monotone in the key (LinearModel), so each child covers one
// contiguous key range and the leaves, left to right, are in key order.

#include <cstddef>
#include <cstdint>

#include "index/data_node.h"
#include "index/linear_model.h"

namespace omen::index_internal {

class ModelNode : public Node {
 public:
  // A node with `fanout` null children. REQUIRES: fanout >= 2.
  static ModelNode* Create(const LinearModel& model, size_t fanout, size_t num_keys,
                           MemoryCounter* mem) {
    ModelNode* node = new (mem->Allocate(sizeof(ModelNode))) ModelNode();
    node->model_ = model;
    node->fanout_ = fanout;
    node->children_ = static_cast<Node**>(mem->Allocate(fanout * sizeof(Node*)));
    for (size_t i = 0; i < fanout; ++i) node->children_[i] = nullptr;
    node->num_keys_ = num_keys;
    node->built_keys_ = num_keys;
    return node;
  }
  // Frees this node only, not its children.
  static void Destroy(ModelNode* node, MemoryCounter* mem) {
    mem->Free(node->children_, node->fanout_ * sizeof(Node*));
    node->~ModelNode();
    mem->Free(node, sizeof(ModelNode));
  }

  size_t SlotOf(uint64_t key) const { return model_.Slot(key, fanout_); }
  Node* ChildFor(uint64_t key) const { return children_[SlotOf(key)]; }
  Node* child(size_t slot) const { return children_[slot]; }
  void set_child(size_t slot, Node* child) { children_[slot] = child; }
  size_t fanout() const { return fanout_; }

  // The run [*first, *last] of slots around `slot` that point to the same child.
  void RunAround(size_t slot, size_t* first, size_t* last) const {
    Node* c = children_[slot];
    size_t f = slot, l = slot;
    while (f > 0 && children_[f - 1] == c) --f;
    while (l + 1 < fanout_ && children_[l + 1] == c) ++l;
    *first = f;
    *last = l;
  }

  // Key counts, maintained by the (single) writer; never read by readers.
  size_t num_keys() const { return num_keys_; }
  size_t built_keys() const { return built_keys_; }
  void AddKeys(int64_t delta) {
    num_keys_ = static_cast<size_t>(static_cast<int64_t>(num_keys_) + delta);
  }

 private:
  ModelNode() : Node(false) {}

  LinearModel model_;
  size_t fanout_ = 0;
  Node** children_ = nullptr;
  size_t num_keys_ = 0;
  size_t built_keys_ = 0;
};

}  // namespace omen::index_internal
