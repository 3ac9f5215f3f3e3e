#pragma once
// `omendb sql`: a psql-like shell over one Connection. Interactive (readline,
// history, "omendb=> " prompts) when stdin is a terminal, otherwise it reads
// the whole input and runs it like `psql -f`. Results print in psql's
// aligned format; errors go to the error stream as psql prints them.

#include <iosfwd>
#include <string>

#include "omendb/omendb.h"

namespace omen::tools {

class Shell {
 public:
  // `conn` must outlive the shell.
  Shell(Connection* conn, std::ostream& out, std::ostream& err)
      : conn_(conn), out_(out), err_(err) {}

  // Runs the ';'-separated statements of `sql` (psql -c); false if one failed.
  bool RunCommand(const std::string& sql);
  // Runs script text statement by statement (psql -f), including backslash
  // commands; SQL errors are reported and the script goes on, as in psql.
  void RunScript(const std::string& text);
  // The interactive loop with readline; returns at EOF or \q.
  void RunInteractive();

  // The prompt for the current state: "omendb=> ", "omendb=*> ", "omendb-> " ...
  std::string Prompt(char splitter_state) const;

 private:
  // Runs one statement and prints its result or error; false on error.
  bool ExecuteAndPrint(const std::string& sql);
  void PrintResult(const QueryResult& result);
  void PrintNotices(const QueryResult& result);
  void PrintError(const Status& status, const std::string& sql);
  // Handles a backslash command line; false when it asks to quit.
  bool HandleMeta(const std::string& line);
  // Feeds one input line; false when the shell should stop (\q).
  bool HandleLine(const std::string& line, class StatementSplitter* splitter);

  Connection* conn_;
  std::ostream& out_;
  std::ostream& err_;
  bool timing_ = false;
  bool interactive_ = false;  // Ctrl-C cancels the running statement
};

}  // namespace omen::tools
