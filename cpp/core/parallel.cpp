#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif

#include "core/dtype.h"

namespace hc {
namespace {

// Each thread taking part in a job owns a contiguous run of its chunks (participant t: chunks
// [t * nchunks / nparts, (t + 1) * nchunks / nparts)) and takes them in order through its own
// counter, on its own cache line; a participant that has finished its run takes chunks from the
// others' runs (from the front of what is left), so a thread that starts late or runs slowly
// (its CPU held by another process) does fewer. On a quiet machine each thread does its own run:
// the same part of the data on the same core call after call, and no cache line is written by
// both cores per chunk. (Session 4 had one shared counter, taken chunk by chunk: on two CPUs of
// this VM that cost ~2 us per op in cache-line transfers and moved each chunk's output between
// the cores' caches from call to call; float32 a + b at n = 3e5, out= given, ran 36 us on two
// threads against 21 with one chunk per thread.)
struct alignas(64) Slot {
  std::atomic<int64_t> next{0};  // the owner's next chunk (and thieves')
  int64_t end = 0;               // one past the owner's last chunk
};

constexpr int kInlineSlots = 8;

struct Job {
  const std::function<void(int64_t, int64_t, int)>* f = nullptr;
  int64_t n = 0, chunk = 0;
  int nchunks = 0;
  int nparts = 1;
  Slot* slots = nullptr;
  std::exception_ptr error;
  std::mutex error_mu;
};

// Hand-off: the caller publishes the job and bumps the generation in state_; workers that
// finished their last job less than kSpin ago are still polling state_ and start at once (about
// a microsecond); the others sleep on cv_ and are woken. state_ holds the generation and the
// number of threads the job uses (caller included) in one word, so a worker reads both at once:
// workers 1..nthreads-1 may take part; the others skip the generation without touching the job.
// A worker takes part only by entering the job (entry_, below) before it touches it. The caller
// takes chunks too (its own run, then what is left of the others'); once no chunk is left to
// take it closes the entry and waits only for the workers that entered (they are running and
// about to leave; each leaves once the chunks it took are done). Session 5: the caller waited
// first for a shared count of chunks done and then for a separate count of workers left, four
// cache-line transfers between the cores in a row; now entering, leaving and closing are one
// atomic operation each on one word (two CPUs of this VM, a parallel_for of two empty chunks:
// 1.06 -> 0.55 us; eight chunks: 1.25 -> 0.83). A worker that had not started by then (asleep, or descheduled because
// another process holds its CPU) never touches the job: the caller, which did its chunks,
// does not wait for it. (Until session 4 the caller waited for an acknowledgement from every
// designated worker, so on a loaded machine an op of 1e5 elements could take a scheduler time
// slice: float32 a + b 190 us against NumPy's 13.) The Job on the caller's stack is never
// touched after it returns.
constexpr auto kSpin = std::chrono::microseconds(100);
constexpr int kStateBits = 16;  // state_ = generation << 16 | threads taking part
constexpr uint64_t kStateMask = (uint64_t(1) << kStateBits) - 1;
// entry_ = generation << 32 | closed bit | workers entered << 16 | workers left: a worker enters
// and leaves with one atomic operation each on this word, and the caller closes the entry and
// learns both counts with one.
constexpr int kEntryGenShift = 32;
constexpr uint64_t kClosed = uint64_t(1) << 31;
constexpr uint64_t kEnteredOne = uint64_t(1) << 16;
constexpr uint64_t kCountMask = (uint64_t(1) << 15) - 1;
constexpr uint64_t kGenMask = (uint64_t(1) << 32) - 1;
constexpr int kMaxThreads = 1 << 14;  // workers entered and left are counted in 15 bits each

// The default thread count: the CPUs this process may run on (its affinity mask, which taskset,
// cgroup cpusets and job schedulers narrow), else the machine's hardware threads.
int default_threads() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n >= 1) return n;
  }
#endif
  return int(std::thread::hardware_concurrency());
}

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

class Pool {
 public:
  Pool() {
    int n = default_threads();
    if (const char* env = std::getenv("HCARRAY_NUM_THREADS")) {
      int v = std::atoi(env);
      if (v >= 1) n = v;
    }
    size_ = n < 1 ? 1 : n > kMaxThreads ? kMaxThreads : n;
  }
  ~Pool() { stop(); }

  int size() const { return size_; }

  void resize(int n) {
    std::lock_guard<std::mutex> run(run_mu_);
    stop();
    size_ = n > kMaxThreads ? kMaxThreads : n;
  }

  void run(Job& job) {
    std::lock_guard<std::mutex> run(run_mu_);  // one parallel op at a time; nested calls run inline
    in_worker_ = true;  // the caller takes chunks too: a parallel_for inside one runs inline
    struct Reset { ~Reset() { in_worker_ = false; } } reset;
    start();
    const int nworkers = std::min(int(threads_.size()), job.nchunks - 1);
    Slot inline_slots[kInlineSlots];
    std::unique_ptr<Slot[]> heap_slots;
    job.nparts = nworkers + 1;
    job.slots = inline_slots;
    if (job.nparts > kInlineSlots) {
      heap_slots.reset(new Slot[size_t(job.nparts)]);
      job.slots = heap_slots.get();
    }
    for (int t = 0; t < job.nparts; ++t) {
      job.slots[t].next.store(int64_t(job.nchunks) * t / job.nparts, std::memory_order_relaxed);
      job.slots[t].end = int64_t(job.nchunks) * (t + 1) / job.nparts;
    }
    job_.store(&job, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lk(mu_);  // a worker about to sleep sees the new generation
      const uint64_t gen = (state_.load(std::memory_order_relaxed) >> kStateBits) + 1;
      entry_.store((gen & kGenMask) << kEntryGenShift, std::memory_order_relaxed);
      state_.store(gen << kStateBits | uint64_t(nworkers + 1), std::memory_order_release);
    }
    cv_.notify_all();  // a sleeper that does not take part goes back to sleep at once
    work(job, 0);
    // work() returned: every chunk has been taken, by the caller or by a worker that entered.
    // Close the entry (no worker enters after this) and wait for the workers that entered to
    // leave: a worker leaves after finishing the chunks it took, so then every chunk is done.
    const uint64_t e0 = entry_.fetch_or(kClosed, std::memory_order_acq_rel);
    const uint64_t entered = (e0 >> 16) & kCountMask;
    if ((e0 & kCountMask) != entered)
      wait_until([&] { return (entry_.load(std::memory_order_acquire) & kCountMask) == entered; });
  }

  bool busy_here() const { return in_worker_; }

 private:
  template <class Cond> static void wait_until(const Cond& done) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; !done(); ++i) {
      if ((i & 63) == 63 && std::chrono::steady_clock::now() - t0 > kSpin)
        std::this_thread::yield();
      else
        cpu_relax();
    }
  }

  // Enters the job of generation gen unless the caller has closed it (or moved on).
  bool enter(uint64_t gen) {
    uint64_t e = entry_.load(std::memory_order_acquire);
    for (;;) {
      if ((e >> kEntryGenShift) != (gen & kGenMask) || (e & kClosed)) return false;
      if (entry_.compare_exchange_weak(e, e + kEnteredOne, std::memory_order_acq_rel,
                                       std::memory_order_acquire))
        return true;
    }
  }

  // Runs the participant's own chunks, then what is left of the others'. worker is both the
  // thread's index for f and its participant index (the caller is 0; workers 1..nparts-1).
  static void work(Job& job, int worker) {  // NOLINT: runs on the caller and on workers
    for (int k = 0; k < job.nparts; ++k) {
      Slot& s = job.slots[(worker + k) % job.nparts];
      for (;;) {
        const int64_t c = s.next.fetch_add(1, std::memory_order_relaxed);
        if (c >= s.end) break;
        const int64_t b = c * job.chunk, e = b + job.chunk < job.n ? b + job.chunk : job.n;
        try {
          (*job.f)(b, e, worker);
        } catch (...) {
          std::lock_guard<std::mutex> lk(job.error_mu);
          if (!job.error) job.error = std::current_exception();
        }
      }
    }
  }

  void start() {
    if (!threads_.empty() || size_ <= 1) return;
    quit_.store(false);
    const uint64_t g = state_.load() >> kStateBits;
    for (int i = 1; i < size_; ++i) threads_.emplace_back([this, i, g] { loop(i, g); });
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      quit_.store(true);
      const uint64_t gen = (state_.load(std::memory_order_relaxed) >> kStateBits) + 1;
      state_.store(gen << kStateBits | kStateMask, std::memory_order_release);
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  void loop(int worker, uint64_t seen) {
    in_worker_ = true;
    bool sleep_now = false;  // woken from sleep for a job this worker takes no part in
    for (;;) {
      // Poll for the next job for kSpin, then sleep until woken.
      uint64_t st = state_.load(std::memory_order_acquire);
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; (st >> kStateBits) == seen; ++i) {
        if (sleep_now || ((i & 63) == 63 && std::chrono::steady_clock::now() - t0 > kSpin)) {
          sleep_now = true;
          std::unique_lock<std::mutex> lk(mu_);
          cv_.wait(lk, [&] {
            return (state_.load(std::memory_order_acquire) >> kStateBits) != seen;
          });
        } else {
          cpu_relax();
        }
        st = state_.load(std::memory_order_acquire);
      }
      seen = st >> kStateBits;
      if (quit_.load()) return;
      if (uint64_t(worker) >= (st & kStateMask)) continue;  // not taking part in this job
      sleep_now = false;
      if (!enter(seen)) continue;  // the caller already did every chunk
      work(*job_.load(std::memory_order_relaxed), worker);
      entry_.fetch_add(1, std::memory_order_release);  // left
    }
  }

  int size_ = 1;
  std::vector<std::thread> threads_;
  std::mutex mu_, run_mu_;
  std::condition_variable cv_;
  alignas(64) std::atomic<Job*> job_{nullptr};  // read with state_ by a starting worker
  std::atomic<uint64_t> state_{0};
  alignas(64) std::atomic<uint64_t> entry_{0};
  std::atomic<bool> quit_{false};
  static thread_local bool in_worker_;
};
thread_local bool Pool::in_worker_ = false;

Pool& pool() {
  static Pool* p = new Pool();  // never destroyed: workers must not be joined at static teardown
  return *p;
}

}  // namespace

int num_threads() { return pool().size(); }

void set_num_threads(int n) {
  if (n < 1) throw ValueError("set_num_threads: the thread count must be at least 1, got " + std::to_string(n));
  pool().resize(n);
}

void parallel_for(int64_t n, int64_t align, int nchunks,
                  const std::function<void(int64_t, int64_t, int)>& f) {
  if (n <= 0) return;
  if (align < 1) align = 1;
  int64_t units = (n + align - 1) / align;
  if (nchunks > units) nchunks = int(units);
  if (nchunks <= 1 || pool().size() <= 1 || pool().busy_here()) {
    f(0, n, 0);
    return;
  }
  Job job;
  job.f = &f;
  job.n = n;
  job.chunk = ((units + nchunks - 1) / nchunks) * align;
  job.nchunks = int((n + job.chunk - 1) / job.chunk);
  pool().run(job);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace hc
