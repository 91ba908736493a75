#include "simroi/core/bump_arena.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace simroi {
namespace {

TEST(BumpArena, HandsOutAlignedDisjointBlocksUntilFull) {
  BumpArena arena(1000);  // rounded up to 1024 bytes
  auto* a = static_cast<std::byte*>(arena.take(100));
  auto* b = static_cast<std::byte*>(arena.take(1));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a) % BumpArena::kAlignment, 0u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b) % BumpArena::kAlignment, 0u);
  EXPECT_GE(b - a, 100);  // a's 100 bytes end before b starts
  EXPECT_TRUE(arena.owns(a));
  EXPECT_TRUE(arena.owns(b));
  EXPECT_EQ(arena.take(1024), nullptr);  // 128 + 64 bytes are gone
  EXPECT_NE(arena.take(512), nullptr);
  EXPECT_EQ(arena.take(1024), nullptr);
  int outside = 0;
  EXPECT_FALSE(arena.owns(&outside));
}

TEST(BumpArena, AnEmptyArenaGivesNothing) {
  BumpArena arena(0);
  EXPECT_EQ(arena.take(8), nullptr);
  EXPECT_FALSE(arena.owns(nullptr));
}

TEST(BumpArena, ConcurrentTakesNeverOverlap) {
  constexpr std::size_t kBlocks = 4000;
  BumpArena arena(kBlocks * BumpArena::kAlignment);
  std::vector<void*> first(kBlocks / 2), second(kBlocks / 2);
  auto take_all = [&arena](std::vector<void*>& out) {
    for (auto& p : out) p = arena.take(8);
  };
  std::thread t1(take_all, std::ref(first));
  std::thread t2(take_all, std::ref(second));
  t1.join();
  t2.join();
  std::vector<void*> all(first);
  all.insert(all.end(), second.begin(), second.end());
  EXPECT_EQ(std::count(all.begin(), all.end(), nullptr), 0);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());  // all distinct
  EXPECT_EQ(arena.take(8), nullptr);                                 // exactly used up
}

TEST(ArenaAllocator, AReservationComesFromTheArenaAndGrowthLeavesIt) {
  auto arena = std::make_shared<BumpArena>(100 * sizeof(double));
  KeptBuffer kept{ArenaAllocator<double>(arena)};
  kept.reserve(100);
  EXPECT_TRUE(arena->owns(kept.data()));
  for (int i = 0; i < 100; ++i) kept.push_back(i);
  EXPECT_TRUE(arena->owns(kept.data()));  // no reallocation within the reservation
  for (int i = 100; i < 1000; ++i) kept.push_back(i);
  EXPECT_FALSE(arena->owns(kept.data()));  // continued in ordinary memory
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(kept[static_cast<std::size_t>(i)], i);
}

TEST(ArenaAllocator, BuffersKeepTheArenaAlive) {
  KeptBuffer moved;
  {
    auto arena = std::make_shared<BumpArena>(1 << 10);
    KeptBuffer kept{ArenaAllocator<double>(arena)};
    kept.assign({1.0, 2.0, 3.0});
    moved = std::move(kept);  // carries its allocator, so the arena
  }                           // outlives this scope's last handle
  ASSERT_NE(moved.get_allocator().arena(), nullptr);
  EXPECT_TRUE(moved.get_allocator().arena()->owns(moved.data()));
  EXPECT_EQ(moved, (KeptBuffer{1.0, 2.0, 3.0}));
}

TEST(ArenaAllocator, WithoutAnArenaItIsTheHugePageAllocator) {
  KeptBuffer kept(1000, 2.5);
  EXPECT_EQ(kept.get_allocator().arena(), nullptr);
  EXPECT_EQ(kept.back(), 2.5);
}

}  // namespace
}  // namespace simroi
