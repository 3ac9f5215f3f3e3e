#include "tools/shell.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "tools/error_printer.h"
#include "tools/shell_copy.h"
#include "tools/statement_splitter.h"
#include "tools/table_printer.h"

namespace omen::tools {
namespace {

bool IsRightAligned(const Type& t) { return t.IsNumericFamily(); }

std::string FormatTiming(double ms) {
  char buf[96];
  if (ms < 1000.0) {
    std::snprintf(buf, sizeof(buf), "Time: %.3f ms\n", ms);
  } else {
    double seconds = ms / 1000.0;
    int minutes = static_cast<int>(seconds / 60);
    seconds -= minutes * 60.0;
    std::snprintf(buf, sizeof(buf), "Time: %.3f ms (%02d:%06.3f)\n", ms, minutes, seconds);
  }
  return buf;
}

// The connection a Ctrl-C cancels while a statement runs (interactive mode).
std::atomic<Connection*> g_running{nullptr};

// Connection::Cancel only stores an atomic flag, so it is safe here. At the
// prompt Ctrl-C does nothing (psql clears the line; readline redraws it).
void OnInterrupt(int) {
  Connection* conn = g_running.load();
  if (conn != nullptr) {
    conn->Cancel();
    static const char kMsg[] = "Cancel request sent\n";
    ssize_t ignored = write(STDERR_FILENO, kMsg, sizeof(kMsg) - 1);
    (void)ignored;
  }
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? "" : std::string(home) + "/.omendb_history";
}

}  // namespace

std::string Shell::Prompt(char splitter_state) const {
  std::string prompt = "omendb";
  prompt += splitter_state;
  char txn = conn_->TransactionStatus();
  if (txn == 'T') prompt += '*';
  if (txn == 'E') prompt += '!';
  prompt += "> ";
  return prompt;
}

void Shell::PrintResult(const QueryResult& result) {
  if (result.ColumnCount() > 0) {
    std::vector<PrintColumn> columns;
    for (size_t c = 0; c < result.ColumnCount(); ++c) {
      columns.push_back({result.names()[c], IsRightAligned(result.types()[c])});
    }
    std::vector<std::vector<PrintCell>> rows(result.RowCount());
    for (size_t r = 0; r < result.RowCount(); ++r) {
      rows[r].reserve(result.ColumnCount());
      for (size_t c = 0; c < result.ColumnCount(); ++c) {
        if (result.IsNull(r, c)) {
          rows[r].emplace_back(std::nullopt);
        } else {
          rows[r].emplace_back(result.GetText(r, c));
        }
      }
    }
    out_ << FormatAlignedTable(columns, rows);
    const std::string& tag = result.tag();
    bool dml = tag.rfind("INSERT", 0) == 0 || tag.rfind("UPDATE", 0) == 0 ||
               tag.rfind("DELETE", 0) == 0 || tag.rfind("MERGE", 0) == 0;
    if (dml) out_ << tag << '\n';
  } else if (!result.tag().empty()) {
    out_ << result.tag() << '\n';
  }
}

void Shell::PrintNotices(const QueryResult& result) {
  if (result.notices().empty()) return;
  out_.flush();
  for (const std::string& n : result.notices()) err_ << "NOTICE:  " << n << '\n';
  err_.flush();
}

void Shell::PrintError(const Status& status, const std::string& sql) {
  out_.flush();
  err_ << FormatPgError(status, sql);
  err_.flush();
}

bool Shell::ExecuteAndPrint(const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  if (interactive_) g_running.store(conn_);
  Result<QueryResult> result = conn_->Execute(sql);
  g_running.store(nullptr);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  bool ok = result.ok();
  if (ok) {
    PrintNotices(*result);
    PrintResult(*result);
  } else {
    PrintError(result.status(), sql);
  }
  if (timing_) out_ << FormatTiming(ms);
  out_.flush();
  return ok;
}

bool Shell::RunCommand(const std::string& sql) {
  // Like psql -c: the whole string is one request; every result is shown
  // and the first error ends it.
  auto start = std::chrono::steady_clock::now();
  std::vector<Result<QueryResult>> results = conn_->ExecuteAll(sql);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  bool ok = true;
  for (const Result<QueryResult>& r : results) {
    if (r.ok()) {
      PrintNotices(*r);
      PrintResult(*r);
    } else {
      PrintError(r.status(), sql);
      ok = false;
    }
  }
  if (timing_) out_ << FormatTiming(ms);
  out_.flush();
  return ok;
}

bool Shell::HandleMeta(const std::string& line) {
  std::istringstream in(line);
  std::string cmd, arg;
  in >> cmd >> arg;
  if (cmd == "\\q" || cmd == "\\quit") return false;
  if (cmd == "\\copy") {
    RunClientCopy(conn_, line.substr(line.find(cmd) + cmd.size()), std::cin, out_, err_);
    out_.flush();
    return true;
  }
  if (cmd == "\\timing") {
    if (arg == "on") {
      timing_ = true;
    } else if (arg == "off") {
      timing_ = false;
    } else {
      timing_ = !timing_;
    }
    out_ << (timing_ ? "Timing is on.\n" : "Timing is off.\n");
  } else if (cmd == "\\?" || cmd == "\\h" || cmd == "\\help") {
    out_ << "General\n  \\q                     quit omendb\n"
            "  \\timing [on|off]       toggle timing of commands\n";
  } else {
    err_ << "invalid command " << cmd << "\nTry \\? for help.\n";
  }
  out_.flush();
  return true;
}

bool Shell::HandleLine(const std::string& line, StatementSplitter* splitter) {
  size_t first = line.find_first_not_of(" \t");
  if (splitter->PendingEmpty() && splitter->PromptState() == '=' && first != std::string::npos &&
      line[first] == '\\') {
    return HandleMeta(line.substr(first));
  }
  splitter->Feed(line + "\n");
  for (const std::string& stmt : splitter->TakeStatements()) ExecuteAndPrint(stmt);
  return true;
}

void Shell::RunScript(const std::string& text) {
  StatementSplitter splitter;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!HandleLine(line, &splitter)) return;
  }
  std::string rest = splitter.TakeRemainder();
  if (!rest.empty()) ExecuteAndPrint(rest);
}

void Shell::RunInteractive() {
  std::string history = HistoryPath();
  if (!history.empty()) read_history(history.c_str());
  interactive_ = true;
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  StatementSplitter splitter;
  while (true) {
    std::string prompt = Prompt(splitter.PromptState());
    char* raw = readline(prompt.c_str());
    if (raw == nullptr) {
      out_ << "\\q\n";
      break;
    }
    std::string line(raw);
    std::free(raw);
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    if (!HandleLine(line, &splitter)) break;
  }
  if (!history.empty()) write_history(history.c_str());
}

}  // namespace omen::tools
