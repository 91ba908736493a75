#include "simroi/report/output_dir.h"

// Writing the files of --out (include/simroi/report/output_dir.h).
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "simroi/core/error.h"

namespace simroi {

namespace fs = std::filesystem;

void ensure_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      throw UserError(
          tr("cannot write to {}: it exists and is not a directory; choose another folder with "
             "--out",
             dir.string()));
    }
    return;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    throw UserError(tr("cannot create directory {}: {}; choose another folder with --out",
                       dir.string(), ec.message()));
  }
}

void prepare_output_dir(const fs::path& dir) {
  ensure_directory(dir);
  // A probe file: the directory may exist and still refuse new files.
  const fs::path probe = dir / fmt::format(".simroi.probe.tmp.{}", ::getpid());
  errno = 0;
  bool ok = false;
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    ok = static_cast<bool>(out);
  }
  const int saved = errno;
  std::error_code ignored;
  fs::remove(probe, ignored);
  if (!ok) {
    throw UserError(
        tr("cannot write to {}: {}; choose another folder with --out", dir.string(),
           saved != 0 ? Text::verbatim(std::strerror(saved)) : tr("cannot create a file there")));
  }
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  const fs::path temp =
      path.parent_path() / fmt::format(".{}.tmp.{}", path.filename().string(), ::getpid());
  auto fail = [&](Text reason) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw UserError(tr("cannot write {}: {}", path.string(), std::move(reason)));
  };
  // The system's reason when it gave one (in its own words), else ours.
  auto fail_errno = [&](int saved, Text ours) {
    fail(saved != 0 ? Text::verbatim(std::strerror(saved)) : std::move(ours));
  };
  {
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      const int saved = errno;
      fail_errno(saved, tr("cannot create file"));
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      const int saved = errno;
      fail_errno(saved, tr("write failed"));
    }
    out.close();
    if (out.fail()) {
      const int saved = errno;
      fail_errno(saved, tr("close failed"));
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) fail(Text::verbatim(ec.message()));
}

std::vector<fs::path> write_files(const fs::path& dir, const std::vector<OutputFile>& files) {
  ensure_directory(dir);
  std::set<fs::path> ready{dir};
  std::vector<fs::path> written;
  written.reserve(files.size());
  for (const OutputFile& file : files) {
    const fs::path path = dir / file.path;
    if (ready.insert(path.parent_path()).second) ensure_directory(path.parent_path());
    write_file_atomic(path, file.content);
    written.push_back(path);
  }
  return written;
}

}  // namespace simroi
