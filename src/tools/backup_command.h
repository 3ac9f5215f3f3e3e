#pragma once
// `omendb backup` and `omendb restore` (issue 5).

#include <string>
#include <vector>

namespace omen::tools {

// omendb backup --data DIR --to BACKUP. Returns the exit code.
int RunBackup(const std::vector<std::string>& args);
// omendb restore --from BACKUP --data NEWDIR. Returns the exit code.
int RunRestore(const std::vector<std::string>& args);

}  // namespace omen::tools
