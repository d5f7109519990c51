// The results-store reader (sim/report/results_store.h) on any file: a corrupt or truncated
// results.sqlite must give an exception naming it, never a crash; what loads must go
// through export's tables and the report's default figures.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/report/export_table.h"
#include "sim/report/report_tables.h"
#include "sim/report/results_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace discolab::report;
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("discolab-fuzz-store-" + std::to_string(::getpid()) + ".sqlite");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const ResultsStore store = load_results_store(file);
    (void)to_csv(tidy_table(store));
    (void)to_jsonl(wide_table(store));
    std::vector<std::string> notes;
    (void)default_report_figures(store, notes);
  } catch (const std::exception& e) {
    // A store that does not load says which file it is (std::invalid_argument today).
    if (std::string(e.what()).find(file.filename().string()) == std::string::npos) __builtin_trap();
  }
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-journal");
  return 0;
}
