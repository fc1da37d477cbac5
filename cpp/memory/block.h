// Block: one page-aligned allocation that can be shared with other processes (and, on Apple
// Silicon, with the GPU and the Neural Engine through its IOSurface).
//   Linux: memfd_create + ftruncate + mmap(MAP_SHARED). The fd stays open for the Block's life;
//          another process maps the same pages by opening /proc/<pid>/fd/<fd> (see BlockId).
//   macOS: an IOSurface created through IOSurface.framework loaded at run time (dlopen), locked
//          once at creation and unlocked when the Block dies; shared by IOSurfaceID.
// A Block is immutable after creation (pointer, size, id) and safe to use from any thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace hc::memory {

enum class BlockKind : int { Memfd = 1, IOSurface = 2 };


// What another process needs to map a Block. Plain data; the Python layer pickles it.
struct BlockId {
  int kind = 0;          // BlockKind
  int64_t pid = 0;       // owner process
  int64_t fd = -1;       // memfd: an fd number open in the owner (a dup made by share())
  uint64_t inode = 0;    // memfd: the file's inode, checked on attach (guards fd/pid reuse)
  uint64_t start_time = 0;  // owner's start time (/proc/<pid>/stat field 22), guards pid reuse
  uint64_t nbytes = 0;   // mapped size
  uint32_t surface = 0;  // IOSurface: IOSurfaceID
};

// The default kind on this platform: IOSurface on macOS, memfd elsewhere.
BlockKind default_block_kind();

class Block : public std::enable_shared_from_this<Block> {
 public:
  // A new zero-filled Block of at least `bytes` (rounded up to whole pages). pin: mlock it when
  // RLIMIT_MEMLOCK leaves room (pinned() says whether that happened). Throws std::bad_alloc when
  // the system refuses, std::invalid_argument for 0 or absurd sizes.
  // kind: IOSurface is available on macOS only (elsewhere std::runtime_error says so).
  static std::shared_ptr<Block> open(size_t bytes, bool pin = true,
                                     BlockKind kind = default_block_kind());
  // Maps the Block that `id` names (made by another process's share()). Throws
  // std::invalid_argument with a message saying why not (owner gone, handle released, ...).
  static std::shared_ptr<Block> attach(const BlockId& id);
  ~Block();
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  char* data() const { return base_; }
  size_t size() const { return size_; }
  bool pinned() const { return pinned_; }
  BlockKind kind() const { return kind_; }
  bool attached() const { return attached_; }  // mapped from another process's Block
  int fd() const { return fd_; }               // memfd; -1 for IOSurface
  void* handle() const { return surface_; }    // IOSurfaceRef (macOS); nullptr on Linux
  uint32_t surface_id() const { return surface_id_; }
  uint64_t inode() const { return inode_; }

  // Makes a handle another process can attach: on Linux a dup of the fd that stays open until
  // unshare(id) (so a released handle no longer opens). Thread-safe.
  BlockId share();
  static bool unshare(const BlockId& id);  // false if the handle is not (or no longer) shared here

  // Page size of the system (16 KiB on Apple Silicon, usually 4 KiB on x86-64 Linux).
  static size_t page_size();

 private:
  Block() = default;
  char* base_ = nullptr;
  size_t size_ = 0;
  int fd_ = -1;
  uint64_t inode_ = 0;
  bool pinned_ = false;
  bool attached_ = false;
  BlockKind kind_ = BlockKind::Memfd;
  void* surface_ = nullptr;
  uint32_t surface_id_ = 0;
  friend struct BlockFactory;
};

// IOSurface support (implemented in block_iosurface.cpp, compiled on every platform: the
// framework is loaded with dlopen, so on Linux this reports "absent" instead of failing to build).
bool iosurface_available(std::string* why = nullptr);
// Rounds a request the way an IOSurface Block is laid out: whole 16 KiB pages, one row.
size_t iosurface_alloc_size(size_t bytes);
// Creates/attaches an IOSurface Block; std::runtime_error naming the missing piece when absent.
struct IOSurfaceParts { void* surface; char* base; size_t size; uint32_t id; };
IOSurfaceParts iosurface_create(size_t bytes);
IOSurfaceParts iosurface_lookup(uint32_t id);
void iosurface_release(void* surface);

// Which live Block holds [p, p+n)? nullptr if none (e.g. malloc'ed or borrowed memory).
// Blocks register themselves while alive; lookup is O(log blocks) under a mutex.
std::shared_ptr<Block> find_block(const void* p, size_t n = 1);

// Counters since process start (for stats()).
struct BlockCounters {
  uint64_t created = 0, attached = 0, live = 0, pinned = 0;
  size_t live_bytes = 0;
};
BlockCounters block_counters();

}  // namespace hc::memory
