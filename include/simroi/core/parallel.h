#pragma once
// tbb::parallel_for with its fork and join made visible to ThreadSanitizer.
//
// Debian's oneTBB is not built with -fsanitize=thread, so TSan cannot see
// that a worker's writes happen before parallel_for returns, nor that the
// caller's writes happen before a task starts: every result read after the
// join looks like a race. Under TSan these wrappers add the two missing edges
// explicitly (__tsan_release / __tsan_acquire on one sync address); in every
// other build they are plain tbb::parallel_for.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace simroi {

namespace detail {
// One address for both directions.
inline char& fork_join_sync() noexcept {
  static char sync;
  return sync;
}
inline void release() noexcept {
#if defined(__SANITIZE_THREAD__)
  __tsan_release(&fork_join_sync());
#endif
}
inline void acquire() noexcept {
#if defined(__SANITIZE_THREAD__)
  __tsan_acquire(&fork_join_sync());
#endif
}
// Scope guards, so that an exception thrown by a body (InterruptedError) and
// rethrown by TBB in the caller still carries the happens-before edges.
struct ReleaseOnExit {
  ReleaseOnExit() = default;
  ReleaseOnExit(const ReleaseOnExit&) = delete;
  ReleaseOnExit& operator=(const ReleaseOnExit&) = delete;
  ~ReleaseOnExit() { release(); }
};
struct AcquireOnExit {
  AcquireOnExit() = default;
  AcquireOnExit(const AcquireOnExit&) = delete;
  AcquireOnExit& operator=(const AcquireOnExit&) = delete;
  ~AcquireOnExit() { acquire(); }
};
}  // namespace detail

/// body(i) for i in [begin, end), in parallel.
template <typename Index, typename Body>
void parallel_for_index(Index begin, Index end, const Body& body) {
  detail::release();
  const detail::AcquireOnExit join;  // also when a body throws and TBB rethrows here
  tbb::parallel_for(begin, end, [&body](Index i) {
    detail::acquire();
    const detail::ReleaseOnExit done;  // also when the body throws
    body(i);
  });
}

/// body(subrange) over `range`, split by `partitioner`, in parallel.
template <typename Range, typename Body, typename Partitioner>
void parallel_for_range(const Range& range, const Body& body, Partitioner&& partitioner) {
  detail::release();
  const detail::AcquireOnExit join;
  tbb::parallel_for(
      range,
      [&body](const Range& r) {
        detail::acquire();
        const detail::ReleaseOnExit done;
        body(r);
      },
      std::forward<Partitioner>(partitioner));
}

}  // namespace simroi
