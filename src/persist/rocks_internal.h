#pragma once
// Private to persist/: RocksDB option building, status conversion and the
// fault-injecting file system. Includes RocksDB headers; nothing outside
// persist/ includes this file.

#include <rocksdb/file_system.h>
#include <rocksdb/options.h>
#include <rocksdb/status.h>

#include <memory>
#include <string_view>

#include "common/status.h"
#include "persist/fault_injection.h"
#include "persist/store.h"

namespace omen::persist::internal {

// rocksdb::Status -> Status at the module border: NoSpace 53100, Corruption
// XX001, IOError 58030, anything else XX000. `what` prefixes the message.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

// The DBOptions/ColumnFamilyOptions OmenDB opens RocksDB with (store_options.cc).
rocksdb::Options BuildOptions(const StoreOptions& options, std::shared_ptr<rocksdb::Env> env);

// A FileSystem that forwards to `base` but fails writes while `fault` says so.
std::shared_ptr<rocksdb::FileSystem> NewFaultFileSystem(std::shared_ptr<rocksdb::FileSystem> base,
                                                        std::shared_ptr<FaultInjector> fault);

}  // namespace omen::persist::internal
