#pragma once
// The sqllogictest runner behind `omendb slt`. Each file runs on a fresh
// engine; records run in order; failures are reported with file:line, the
// SQL, and expected versus actual output.

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "tools/slt_parser.h"
#include "tools/slt_result.h"

namespace omen::tools {

// What one SQL text produced: an error, or columns and rows in text form.
struct SltOutput {
  Status status;
  std::vector<TypeId> types;
  std::vector<std::vector<SltCell>> rows;
};

// The engine under test: one session on a fresh database.
class SltEngine {
 public:
  virtual ~SltEngine() = default;
  virtual SltOutput Run(const std::string& sql) = 0;
};

// Makes a fresh engine for each file; nullptr (with *error set) if it cannot.
using SltEngineFactory = std::function<std::unique_ptr<SltEngine>(std::string* error)>;

struct SltCounts {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
};

struct SltOptions {
  std::string engine_name = "postgresql";
  // "file.test:LINE" keys of records that are expected to fail; such a
  // failure counts as skipped.
  std::set<std::string> expected_failures;
  int max_reported_failures = 20;
};

// Reads a fails file ("file.test:LINE" per line, '#' comments) into `out`.
Status LoadExpectedFailures(const std::string& path, std::set<std::string>* out);

// Runs parsed records against `engine`, reporting failures to `out` under the
// name `file_name`.
SltCounts RunSltRecords(const std::vector<SltRecord>& records, const std::string& file_name,
                        const SltOptions& options, SltEngine* engine, std::ostream& out);

// Reads and runs one file on a fresh engine, then prints
// "FILE: N passed, N failed, N skipped".
SltCounts RunSltFile(const std::string& path, const SltOptions& options, SltEngineFactory factory,
                     std::ostream& out);

// The factory for OmenDB's embedded engine on an in-memory database.
std::unique_ptr<SltEngine> MakeOmenSltEngine(std::string* error);

// An engine that runs each SQL text through the psql binary against a real
// PostgreSQL (`psql_args`: connection options such as "-h /tmp -p 5432 -U
// postgres"), in a fresh database per engine. For checking expected results
// and the runner itself against PostgreSQL 15. Each SQL text runs in its own
// psql session, so session state (BEGIN, SET) does not carry over between
// records; column types are inferred from the text (integer, numeric, text).
std::unique_ptr<SltEngine> MakePsqlSltEngine(const std::string& psql_args, std::string* error);

}  // namespace omen::tools
