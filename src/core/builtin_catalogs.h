#pragma once
// The catalogues compiled from po/*.po and built into simroi_core: defined in
// a source CMake generates (cmake/SimroiCatalogs.cmake), one MoFile per
// language; empty when po/ has no translation yet.
#include <vector>

#include "simroi/core/text.h"

namespace simroi::detail {

[[nodiscard]] std::vector<MoFile> builtin_mo_files();

}  // namespace simroi::detail
