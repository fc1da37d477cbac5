// Scratch scopes (hc.memory.scratch()): while a scope is open on a thread, the storage of new
// arrays on that thread comes from a Tape (a bump allocator over a pooled Block) instead of the
// caching allocator. When the scope closes, the Tape is rewound and its Block goes back to the
// pool -- but only once no array refers to it: every array taken from a scope holds a reference
// to the scope's segment, so an array that escapes the block keeps that segment (and its bytes)
// untouched until the array dies. No array ever reads memory that was handed out again.
// Scopes nest (each opens its own segment) and are per thread.
#pragma once
#include <cstddef>
#include <cstdint>

namespace hc::memory {

struct ScratchStats {
  uint64_t scopes = 0;        // scopes opened
  uint64_t takes = 0;         // array storages served from a scratch Tape
  uint64_t overflows = 0;     // requests that did not fit and went to the caching allocator
  uint64_t segments_created = 0;
  uint64_t segments_reused = 0;
  uint64_t deferred = 0;      // scopes that closed while arrays from them were still alive
  size_t pooled_bytes = 0;    // Blocks kept for the next scope
  int depth = 0;              // open scopes on the calling thread
};

// Opens a scope whose Tape holds at least `bytes`.
void scratch_push(size_t bytes);
// Closes the innermost scope of this thread; false if none is open.
bool scratch_pop();
int scratch_depth();
// Storage for `bytes` from the innermost scope of this thread: the pointer, and in *token what
// to pass to scratch_release when the storage dies. nullptr when no scope is open or the Tape is
// full (the caller then uses the caching allocator).
void* scratch_take(size_t bytes, void** token);
void scratch_release(void* token);
ScratchStats scratch_stats();
void scratch_clear_pool();

}  // namespace hc::memory
