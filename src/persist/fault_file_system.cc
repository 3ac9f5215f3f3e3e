// The fault-injecting FileSystem wrapper every Store opens through (see
// fault_injection.h). With no fault switched on it forwards every call.

#include <utility>

#include "persist/rocks_internal.h"

namespace omen::persist::internal {

namespace {

rocksdb::IOStatus NoSpace(FaultInjector& f) {
  f.CountFailure();
  return rocksdb::IOStatus::NoSpace("No space left on device (injected)");
}

class FaultWritableFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultWritableFile(std::unique_ptr<rocksdb::FSWritableFile> f,
                    std::shared_ptr<FaultInjector> fault)
      : FSWritableFileOwnerWrapper(std::move(f)), fault_(std::move(fault)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::Append(data, o, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::Append(data, o, info, dbg);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                     const rocksdb::IOOptions& o,
                                     rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, dbg);
  }
  rocksdb::IOStatus Flush(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::Flush(o, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::Sync(o, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return FSWritableFileOwnerWrapper::Fsync(o, dbg);
  }

 private:
  std::shared_ptr<FaultInjector> fault_;
};

class FaultFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultFileSystem(std::shared_ptr<rocksdb::FileSystem> base, std::shared_ptr<FaultInjector> fault)
      : FileSystemWrapper(std::move(base)), fault_(std::move(fault)) {}

  static const char* kClassName() { return "OmenFaultFileSystem"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(const std::string& fname, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return Wrap(target()->NewWritableFile(fname, o, result, dbg), result);
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return Wrap(target()->ReopenWritableFile(fname, o, result, dbg), result);
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& fname, const std::string& old_fname,
                                      const rocksdb::FileOptions& o,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override {
    if (fault_->no_space()) return NoSpace(*fault_);
    return Wrap(target()->ReuseWritableFile(fname, old_fname, o, result, dbg), result);
  }

 private:
  rocksdb::IOStatus Wrap(rocksdb::IOStatus s, std::unique_ptr<rocksdb::FSWritableFile>* result) {
    if (s.ok()) *result = std::make_unique<FaultWritableFile>(std::move(*result), fault_);
    return s;
  }
  std::shared_ptr<FaultInjector> fault_;
};

}  // namespace

std::shared_ptr<rocksdb::FileSystem> NewFaultFileSystem(std::shared_ptr<rocksdb::FileSystem> base,
                                                        std::shared_ptr<FaultInjector> fault) {
  return std::make_shared<FaultFileSystem>(std::move(base), std::move(fault));
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  std::string message = std::string(what) + ": " + s.ToString();
  if (s.IsNoSpace() || s.subcode() == rocksdb::Status::kNoSpace) {
    return Status(sqlstate::kDiskFull, message);
  }
  if (s.IsCorruption()) return Status(sqlstate::kDataCorrupted, message);
  if (s.IsIOError()) return Status(sqlstate::kIoError, message);
  return Status(sqlstate::kInternalError, message);
}

}  // namespace omen::persist::internal
