#include "memory/block.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

namespace hc::memory {

struct BlockFactory {
  static std::shared_ptr<Block> make() { return std::shared_ptr<Block>(new Block()); }
};

namespace {

struct Registry {
  std::mutex mu;
  std::map<uintptr_t, std::pair<size_t, std::weak_ptr<Block>>> live;  // base -> (size, block)
  std::map<int64_t, std::shared_ptr<Block>> shared;  // dup'ed fd (or surface id) -> block
  BlockCounters counters;
  size_t pinned_bytes = 0;
};
Registry& registry() {
  static Registry* r = new Registry();  // never destroyed: Blocks may die during teardown
  return *r;
}

void register_block(const std::shared_ptr<Block>& b) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.live[uintptr_t(b->data())] = {b->size(), b};
  r.counters.live++;
  r.counters.live_bytes += b->size();
  if (b->attached()) r.counters.attached++;
  else r.counters.created++;
  if (b->pinned()) r.counters.pinned++;
}

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

// Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat); 0 if gone.
uint64_t process_start_time(int64_t pid) {
#if defined(__linux__)
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%lld/stat", (long long)pid);
  FILE* f = std::fopen(path, "r");
  if (!f) return 0;
  char buf[1024];
  size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = 0;
  // The command name (field 2) is in parentheses and may hold spaces: start after the last ')'.
  char* p = std::strrchr(buf, ')');
  if (!p) return 0;
  p++;
  // p now points before field 3; field 22 is 19 fields further on.
  for (int field = 3; field < 22; ++field) {
    while (*p == ' ') p++;
    while (*p && *p != ' ') p++;
  }
  return std::strtoull(p, nullptr, 10);
#else
  (void)pid;
  return 0;
#endif
}

bool try_pin(char* base, size_t size) {
  rlimit lim{};
  if (getrlimit(RLIMIT_MEMLOCK, &lim) != 0) return false;
  Registry& r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    if (lim.rlim_cur != RLIM_INFINITY && r.pinned_bytes + size > lim.rlim_cur) return false;
    r.pinned_bytes += size;
  }
  if (mlock(base, size) == 0) return true;
  std::lock_guard<std::mutex> lock(r.mu);
  r.pinned_bytes -= size;
  return false;
}

[[noreturn]] void attach_error(const std::string& why) {
  throw std::invalid_argument("attach: " + why);
}

}  // namespace

size_t Block::page_size() {
  static size_t ps = size_t(sysconf(_SC_PAGESIZE));
  return ps;
}

BlockKind default_block_kind() {
#if defined(__APPLE__)
  return BlockKind::IOSurface;
#else
  return BlockKind::Memfd;
#endif
}

std::shared_ptr<Block> Block::open(size_t bytes, bool pin, BlockKind kind) {
  if (bytes == 0) throw std::invalid_argument("Block.open: size must be positive");
  if (bytes > (size_t(1) << 48)) throw std::invalid_argument("Block.open: size is too large");
  auto b = BlockFactory::make();
  if (kind == BlockKind::IOSurface) {
    IOSurfaceParts s = iosurface_create(bytes);
    b->kind_ = BlockKind::IOSurface;
    b->surface_ = s.surface;
    b->base_ = s.base;
    b->size_ = s.size;
    b->surface_id_ = s.id;
    b->pinned_ = pin;  // IOSurfaceLock'ed for its lifetime (the seed's "pinned")
  } else {
#if defined(__linux__)
    size_t size = round_up(bytes, page_size());
    int fd = int(syscall(SYS_memfd_create, "hcarray-block", 1u /* MFD_CLOEXEC */));
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE)
        throw std::runtime_error("Block.open: no file descriptors left (memfd_create: " +
                                 std::string(std::strerror(errno)) + ")");
      throw std::bad_alloc();
    }
    if (ftruncate(fd, off_t(size)) != 0) {
      ::close(fd);
      throw std::bad_alloc();
    }
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      throw std::bad_alloc();
    }
    struct stat st{};
    fstat(fd, &st);
    b->kind_ = BlockKind::Memfd;
    b->base_ = static_cast<char*>(p);
    b->size_ = size;
    b->fd_ = fd;
    b->inode_ = uint64_t(st.st_ino);
    if (pin) b->pinned_ = try_pin(b->base_, size);
#else
    (void)pin;
    throw std::runtime_error("Block.open: memfd Blocks need Linux");
#endif
  }
  register_block(b);
  return b;
}

Block::~Block() {
  if (!base_) return;  // construction failed before anything was mapped or registered
  Registry& r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.live.find(uintptr_t(base_));
    if (it != r.live.end() && it->second.second.expired()) r.live.erase(it);
    r.counters.live--;
    r.counters.live_bytes -= size_;
    if (pinned_ && kind_ == BlockKind::Memfd) r.pinned_bytes -= size_;
  }
  if (kind_ == BlockKind::IOSurface) {
    iosurface_release(surface_);
    return;
  }
  if (pinned_) munlock(base_, size_);
  if (base_) munmap(base_, size_);
  if (fd_ >= 0) ::close(fd_);
}

BlockId Block::share() {
  BlockId id;
  id.kind = int(kind_);
  id.pid = int64_t(getpid());
  id.nbytes = size_;
  id.start_time = process_start_time(id.pid);
  Registry& r = registry();
  if (kind_ == BlockKind::IOSurface) {
    id.surface = surface_id_;
    std::lock_guard<std::mutex> lock(r.mu);
    r.shared[int64_t(surface_id_)] = shared_from_this();
    return id;
  }
  int d = fcntl(fd_, F_DUPFD_CLOEXEC, 0);
  if (d < 0)
    throw std::runtime_error("share: cannot duplicate the block's fd: " + std::string(std::strerror(errno)));
  id.fd = d;
  id.inode = inode_;
  std::shared_ptr<Block> self = shared_from_this();
  std::lock_guard<std::mutex> lock(r.mu);
  r.shared[d] = self;
  return id;
}

bool Block::unshare(const BlockId& id) {
  if (id.pid != int64_t(getpid())) return false;
  Registry& r = registry();
  std::shared_ptr<Block> keep;  // dropped after the lock is released (its destructor locks)
  {
    std::lock_guard<std::mutex> lock(r.mu);
    int64_t key = id.kind == int(BlockKind::IOSurface) ? int64_t(id.surface) : id.fd;
    auto it = r.shared.find(key);
    if (it == r.shared.end()) return false;
    if (id.kind == int(BlockKind::Memfd) && it->second->inode() != id.inode) return false;
    keep = std::move(it->second);
    r.shared.erase(it);
  }
  if (id.kind == int(BlockKind::Memfd)) ::close(int(id.fd));
  return true;
}

std::shared_ptr<Block> Block::attach(const BlockId& id) {
  if (id.kind == int(BlockKind::IOSurface)) {
    IOSurfaceParts s = iosurface_lookup(id.surface);
    auto b = BlockFactory::make();
    b->kind_ = BlockKind::IOSurface;
    b->surface_ = s.surface;
    b->base_ = s.base;
    b->size_ = s.size;
    b->surface_id_ = s.id;
    b->attached_ = true;
    register_block(b);
    return b;
  }
  if (id.kind != int(BlockKind::Memfd)) attach_error("not a block handle (unknown kind)");
#if defined(__linux__)
  if (id.pid <= 0 || id.fd < 0 || id.nbytes == 0) attach_error("malformed handle");
  uint64_t start = process_start_time(id.pid);
  if (start == 0 || (id.start_time && start != id.start_time))
    attach_error("the process that shared this block (pid " + std::to_string(id.pid) +
                 ") has exited");
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%lld/fd/%lld", (long long)id.pid, (long long)id.fd);
  int fd = ::open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT)
      attach_error("the handle was released (fd " + std::to_string(id.fd) + " of pid " +
                   std::to_string(id.pid) + " is closed)");
    if (process_start_time(id.pid) == 0)
      attach_error("the process that shared this block (pid " + std::to_string(id.pid) +
                   ") has exited");
    attach_error("cannot open " + std::string(path) + ": " + std::strerror(e));
  }
  struct stat st{};
  if (fstat(fd, &st) != 0 || uint64_t(st.st_ino) != id.inode || uint64_t(st.st_size) < id.nbytes) {
    ::close(fd);
    attach_error("the handle was released (fd " + std::to_string(id.fd) + " of pid " +
                 std::to_string(id.pid) + " now names another file)");
  }
  void* p = mmap(nullptr, id.nbytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    int e = errno;
    ::close(fd);
    attach_error(std::string("mmap failed: ") + std::strerror(e));
  }
  auto b = BlockFactory::make();
  b->kind_ = BlockKind::Memfd;
  b->base_ = static_cast<char*>(p);
  b->size_ = size_t(id.nbytes);
  b->fd_ = fd;
  b->inode_ = id.inode;
  b->attached_ = true;
  register_block(b);
  return b;
#else
  attach_error("memfd handles can only be attached on Linux");
#endif
}

std::shared_ptr<Block> find_block(const void* p, size_t n) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  uintptr_t a = uintptr_t(p);
  auto it = r.live.upper_bound(a);
  if (it == r.live.begin()) return nullptr;
  --it;
  if (a < it->first || a + n > it->first + it->second.first) return nullptr;
  return it->second.second.lock();
}

BlockCounters block_counters() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  return r.counters;
}

}  // namespace hc::memory
