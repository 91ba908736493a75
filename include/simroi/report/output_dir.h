#pragma once
// `--out DIR`: files written into a folder, atomically. This module only
// writes; what the files hold is decided by report_files.h.
//
// Every file is written atomically: to `DIR/.NAME.tmp.<pid>` first, then
// renamed over `DIR/NAME`, so a reader never sees half a file. A folder that
// cannot be created or written gives UserError (exit 2) naming the path and
// the reason; the temporary file is removed.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace simroi {

/// One file to write: its path relative to the output folder (it may name a
/// subfolder: "salon/report.json") and its whole content.
struct OutputFile {
  std::filesystem::path path;
  std::string content;
};

/// Create `dir` (and parents) when missing. Throws UserError.
void ensure_directory(const std::filesystem::path& dir);

/// Before any work: create `dir` when missing and check a file can be created
/// in it, so a bad --out fails at once, not after a long simulation. Throws
/// UserError naming the folder and the reason.
void prepare_output_dir(const std::filesystem::path& dir);

/// Write `content` to `path` atomically (temp file + rename). Throws UserError.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Write every file into `dir` (created when missing, and each file's
/// subfolder), in order, each atomically; returns the paths written. Throws
/// UserError at the first file that cannot be written (those before it are
/// written).
std::vector<std::filesystem::path> write_files(const std::filesystem::path& dir,
                                               const std::vector<OutputFile>& files);

}  // namespace simroi
