// Text hardening and bounded file reading (see simroi/scenario/harden.h).
#include "simroi/scenario/harden.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace simroi {

namespace {

Diagnostic at(const std::string& file, int line, int column, std::string_view code, Text text) {
  return Diagnostic{file, line, column, "", std::string(code), std::move(text)};
}

Text too_large(std::size_t bytes) {
  return trn("the file is {} byte; a scenario may be at most 1 MiB ({} bytes)",
             "the file is {} bytes; a scenario may be at most 1 MiB ({} bytes)",
             static_cast<std::int64_t>(bytes), static_cast<std::int64_t>(bytes),
             static_cast<std::int64_t>(kMaxScenarioBytes));
}

}  // namespace

std::vector<Diagnostic> harden_text(std::string_view text, const std::string& file) {
  if (text.size() > kMaxScenarioBytes)
    return {at(file, 0, 0, diag::kFileTooLarge, too_large(text.size()))};
  // UTF-16 (Windows Notepad's "Unicode"): a byte order mark, or the NUL bytes
  // of ASCII text in 16-bit units.
  const auto u8 = [&text](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const bool bom16 =
      text.size() >= 2 && ((u8(0) == 0xFF && u8(1) == 0xFE) || (u8(0) == 0xFE && u8(1) == 0xFF));
  const bool nul16 = text.size() >= 2 && u8(0) != 0 && u8(1) == 0;    // "n\0a\0..." little endian
  const bool nul16be = text.size() >= 2 && u8(0) == 0 && u8(1) != 0;  // big endian
  if (bom16 || nul16 || nul16be) {
    const bool little = bom16 ? u8(0) == 0xFF : nul16;
    return {at(file, 1, 1, diag::kNotUtf8,
               tr("the file is UTF-16 ({}) text, not UTF-8; save it as UTF-8 (e.g. in Notepad: "
                  "Save as, Encoding: UTF-8)",
                  little ? "little-endian" : "big-endian"))};
  }
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  // Cheap upper bounds on what the parser would build, blind to quoting:
  // flow brackets nest as deep as `depth`, and every ',', '[', '{', "- " and
  // ": " may start a node.
  int depth = 0;
  std::size_t tokens = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char after = i + 1 < text.size() ? text[i + 1] : '\n';
    const bool separated = after == ' ' || after == '\n' || after == '\r' || after == '\t';
    if (byte == '[' || byte == '{') {
      if (++depth > kMaxNesting) {
        return {at(file, line, column, diag::kTooDeep,
                   tr("the document is nested deeper than {} levels; a scenario needs at most 5",
                      kMaxNesting))};
      }
    } else if (byte == ']' || byte == '}') {
      depth = std::max(0, depth - 1);
    }
    if (byte == ',' || byte == '[' || byte == '{' || ((byte == '-' || byte == ':') && separated)) {
      if (++tokens > kMaxStructuralTokens) {
        return {at(file, line, column, diag::kTooManyItems,
                   tr("the file has more than {} list items and keys; a scenario needs a few dozen",
                      static_cast<std::int64_t>(kMaxStructuralTokens)))};
      }
    }
    if (byte == 0) {
      return {at(file, line, column, diag::kNotText,
                 tr("the file contains a NUL byte, so it is not a text file; a scenario is UTF-8 "
                    "YAML text"))};
    }
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (byte < 0x80) {
      length = 1;
      cp = byte;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      cp = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      cp = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      cp = byte & 0x07;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        valid = false;
      } else {
        cp = (cp << 6) | (next & 0x3F);
      }
    }
    if (valid) {
      // Overlong forms, surrogates and values above U+10FFFF are not UTF-8.
      static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
      valid = cp >= kMinForLength[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (!valid) {
      return {at(file, line, column, diag::kNotUtf8,
                 tr("the file is not valid UTF-8 (byte 0x{}); save it as UTF-8 text",
                    fmt::format("{:02X}", static_cast<unsigned>(byte))))};
    }
    if (byte == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return {};
}

std::string read_scenario_file(const std::string& path) {
  namespace fs = std::filesystem;
  auto fail = [&path](std::string_view code, Text text) -> std::string {
    throw ScenarioError({at(path, 0, 0, code, std::move(text))});
  };
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return fail(diag::kCannotRead, tr("cannot read the scenario: {}", ec.message()));
    }
    return fail(diag::kCannotRead, tr("cannot read the scenario: no such file"));
  }
  if (fs::is_directory(status)) {
    return fail(diag::kCannotRead, tr("is a directory, not a scenario file"));
  }
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxScenarioBytes) return fail(diag::kFileTooLarge, too_large(size));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(diag::kCannotRead,
                tr("cannot open the scenario: {}", std::string(std::strerror(errno))));
  }
  // Read at most one byte more than the limit, so /dev/zero and friends end.
  std::string text;
  std::array<char, 65536> buffer{};
  while (text.size() <= kMaxScenarioBytes) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got <= 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) return fail(diag::kCannotRead, tr("cannot read the scenario: read error"));
  if (text.size() > kMaxScenarioBytes) {
    return fail(diag::kFileTooLarge,
                tr("the file is larger than 1 MiB ({} bytes); a scenario is far smaller",
                   static_cast<std::int64_t>(kMaxScenarioBytes)));
  }
  return text;
}

Text tab_hint(std::string_view text, int line0) {
  if (line0 < 0) return Text::verbatim("");
  std::size_t start = 0;
  for (int line = 0; line < line0; ++line) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return Text::verbatim("");
    ++start;
  }
  for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
    if (text[i] == '\t') return tr(" (YAML indentation must use spaces, not tabs)");
  }
  return Text::verbatim("");
}

}  // namespace simroi
