#pragma once
// One heap-byte counter for every contender in the benchmark: the bench
// binary replaces the global operator new/delete (counting_allocator.cc), so
// LearnedIndex, absl::btree_map, std::map and std::vector are all measured by
// the same rule: bytes requested and not yet freed.

#include <cstddef>

namespace omen::bench {

// Heap bytes currently allocated through operator new in this process.
size_t HeapBytes();

}  // namespace omen::bench
