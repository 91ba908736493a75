#pragma once
// One region of huge pages that a worker's tallies carve their kept values
// from.
//
// Each tally keeps the values inside its brackets in one buffer per bracket,
// reserved up front for the values the pass is expected to keep there. Those
// buffers are a few hundred kB each: too small for huge pages of their own,
// so each page of them used to be faulted in separately -- about 8,000 faults
// at 10^7 runs, each an exit to the hypervisor on a virtual machine. A
// BumpArena is one huge-page region (huge_page_allocator.h) sized for all of
// a worker's reservations; ArenaAllocator hands its buffers out of it by
// bumping a pointer, and a buffer that outgrows its reservation continues in
// ordinary memory. Nothing is returned to the arena: it is freed whole when
// the last buffer cut from it is gone (the allocators share its ownership).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "simroi/core/huge_page_allocator.h"

namespace simroi {

class BumpArena {
 public:
  /// A region of `bytes` (address space: pages are backed when first written).
  explicit BumpArena(std::size_t bytes) : capacity_(round_up(bytes)), begin_(allocate(capacity_)) {}
  ~BumpArena() { deallocate(begin_, capacity_); }
  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  /// `bytes` from the region, aligned to kAlignment; nullptr when it has no
  /// room left for them. Safe to call from several threads at once.
  [[nodiscard]] void* take(std::size_t bytes) noexcept {
    const std::size_t size = round_up(bytes);
    std::size_t offset = used_.load(std::memory_order_relaxed);
    do {
      if (size > capacity_ - offset) return nullptr;
    } while (!used_.compare_exchange_weak(offset, offset + size, std::memory_order_relaxed));
    return begin_ + offset;
  }
  [[nodiscard]] bool owns(const void* p) const noexcept {
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    const auto begin = reinterpret_cast<std::uintptr_t>(begin_);
    return at >= begin && at - begin < capacity_;
  }

  /// Every buffer starts on its own cache line.
  static constexpr std::size_t kAlignment = 64;

 private:
  static constexpr std::size_t round_up(std::size_t bytes) noexcept {
    return (bytes + kAlignment - 1) / kAlignment * kAlignment;
  }
  // Huge pages from 2 MiB on (aligned to 2 MiB), else cache-line aligned.
  static std::byte* allocate(std::size_t bytes) {
    if (bytes >= HugePageAllocator<std::byte>::kHugePage) {
      return HugePageAllocator<std::byte>{}.allocate(bytes);
    }
    return static_cast<std::byte*>(::operator new (bytes, std::align_val_t{kAlignment}));
  }
  static void deallocate(std::byte* p, std::size_t bytes) noexcept {
    if (bytes >= HugePageAllocator<std::byte>::kHugePage) {
      HugePageAllocator<std::byte>{}.deallocate(p, bytes);
    } else {
      ::operator delete (p, std::align_val_t{kAlignment});
    }
  }
  std::size_t capacity_;
  std::byte* begin_;
  std::atomic<std::size_t> used_{0};
};

/// Allocates from a BumpArena while it has room, then like HugePageAllocator.
/// Without an arena it is a HugePageAllocator. Containers move their
/// allocator along with their memory, so every block returns to the
/// allocator that gave it.
template <typename T>
class ArenaAllocator {
 public:
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;

  ArenaAllocator() noexcept = default;
  explicit ArenaAllocator(std::shared_ptr<BumpArena> arena) noexcept : arena_(std::move(arena)) {}
  template <typename U>
  explicit ArenaAllocator(const ArenaAllocator<U>& other) noexcept : arena_(other.arena()) {}

  [[nodiscard]] T* allocate(std::size_t n) {
    static_assert(alignof(T) <= BumpArena::kAlignment);
    if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    if (arena_ != nullptr) {
      if (void* p = arena_->take(n * sizeof(T))) return static_cast<T*>(p);
    }
    return HugePageAllocator<T>{}.allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (arena_ != nullptr && arena_->owns(p)) return;  // freed with the arena
    HugePageAllocator<T>{}.deallocate(p, n);
  }

  [[nodiscard]] const std::shared_ptr<BumpArena>& arena() const noexcept { return arena_; }
  template <typename U>
  bool operator==(const ArenaAllocator<U>& other) const noexcept {
    return arena_ == other.arena();
  }

 private:
  std::shared_ptr<BumpArena> arena_;
};

/// A buffer of kept values, in a worker's arena when it has one.
using KeptBuffer = std::vector<double, ArenaAllocator<double>>;

}  // namespace simroi
