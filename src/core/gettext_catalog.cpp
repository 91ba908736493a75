// Catalogues from GNU gettext .mo files, read through Boost.Locale
// (include/simroi/core/text.h: mo_catalog, builtin_catalog).
//
// Boost.Locale's gnu_gettext reader is given the bytes through its
// messages_info callback instead of a file, and its facet is installed into
// a copy of the classic "C" locale, which every C++ library has: neither the
// machine's generated locales nor the working folder matter.
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <climits>
#include <locale>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/builtin_catalogs.h"
#include "simroi/core/text.h"

namespace simroi {

namespace {

namespace gnu = boost::locale::gnu_gettext;
using Facet = boost::locale::message_format<char>;

constexpr const char* kDomain = "simroi";
constexpr const char* kFolder = "simroi-built-in";
constexpr const char* kLanguage = "xx";  // any name: the callback serves the one file

// A count as the int Boost.Locale's plural rule takes. Plural-Forms
// expressions look at n % 10, n % 100 and small values of n, so a count beyond
// int keeps its last six digits and stays above every small threshold.
int plural_count(std::int64_t n) {
  const std::uint64_t magnitude =
      n < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  if (magnitude <= static_cast<std::uint64_t>(INT_MAX)) return static_cast<int>(magnitude);
  return static_cast<int>(1'000'000 + magnitude % 1'000'000);
}

class MoCatalog final : public Catalog {
 public:
  explicit MoCatalog(std::string_view bytes) : bytes_(bytes.begin(), bytes.end()) {
    if (bytes_.empty()) throw std::invalid_argument("an empty .mo catalogue");
    gnu::messages_info info;
    info.language = std::string(kLanguage);
    info.encoding = std::string("UTF-8");
    info.domains.emplace_back(kDomain);
    info.paths.emplace_back(kFolder);
    const std::string expected =
        std::string(kFolder) + "/" + kLanguage + "/LC_MESSAGES/" + kDomain + ".mo";
    info.callback = [this, expected](const std::string& file, const std::string&) {
      return file == expected ? bytes_ : std::vector<char>();
    };
    try {
      locale_ = std::locale(std::locale::classic(), gnu::create_messages_facet<char>(info));
    } catch (const std::exception& e) {
      throw std::invalid_argument(std::string("not a GNU gettext .mo catalogue: ") + e.what());
    }
    facet_ = &std::use_facet<Facet>(locale_);
    domain_ = facet_->domain(kDomain);
  }

  std::optional<std::string> find(std::string_view context, std::string_view msgid) const override {
    // The empty id is the file's header in gettext, never a message: an empty
    // label stays empty.
    if (msgid.empty()) return std::nullopt;
    const std::string ctx(context);
    const std::string id(msgid);
    return found(facet_->get(domain_, ctx.empty() ? nullptr : ctx.c_str(), id.c_str()));
  }

  std::optional<std::string> find_plural(std::string_view context, std::string_view singular,
                                         std::string_view /*plural*/,
                                         std::int64_t n) const override {
    const std::string ctx(context);
    const std::string id(singular);
    return found(
        facet_->get(domain_, ctx.empty() ? nullptr : ctx.c_str(), id.c_str(), plural_count(n)));
  }

 private:
  static std::optional<std::string> found(const char* text) {
    if (text == nullptr) return std::nullopt;
    return std::string(text);
  }

  std::vector<char> bytes_;
  std::locale locale_;  // owns the facet
  const Facet* facet_ = nullptr;
  int domain_ = 0;
};

std::shared_ptr<const Catalog> load_builtin(Language language) {
  for (const MoFile& file : detail::builtin_mo_files()) {
    if (file.language == to_string(language)) return mo_catalog(file.bytes);
  }
  return nullptr;
}

}  // namespace

std::shared_ptr<const Catalog> mo_catalog(std::string_view bytes) {
  return std::make_shared<const MoCatalog>(bytes);
}

std::shared_ptr<const Catalog> builtin_catalog(Language language) {
  // Each loaded once (thread-safe static initialisation), then shared.
  static const std::shared_ptr<const Catalog> english = load_builtin(Language::en);
  static const std::shared_ptr<const Catalog> russian = load_builtin(Language::ru);
  return language == Language::ru ? russian : english;
}

}  // namespace simroi
