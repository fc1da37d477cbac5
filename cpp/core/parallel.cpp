#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
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

struct Job {
  const std::function<void(int64_t, int64_t, int)>* f = nullptr;
  int64_t n = 0, chunk = 0;
  int nchunks = 0;
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::exception_ptr error;
  std::mutex error_mu;
};

// Hand-off: the caller publishes the job and bumps the generation in state_; workers that
// finished their last job less than kSpin ago are still polling state_ and start at once (about
// a microsecond); the others sleep on cv_ and are woken. state_ holds the generation and the
// number of threads the job uses (caller included) in one word, so a worker reads both at once:
// workers 1..nthreads-1 may take part; the others skip the generation without touching the job.
// A worker takes part only by entering the job (entry_: generation << 16 | workers entered,
// plus a closed bit) before it touches it. The caller takes chunks too; once every chunk is
// done it closes the entry and waits only for the workers that entered (they are running and
// about to leave). A worker that had not started by then (asleep, or descheduled because
// another process holds its CPU) never touches the job: the caller, which did its chunks,
// does not wait for it. (Until session 4 the caller waited for an acknowledgement from every
// designated worker, so on a loaded machine an op of 1e5 elements could take a scheduler time
// slice: float32 a + b 190 us against NumPy's 13.) The Job on the caller's stack is never
// touched after it returns.
constexpr auto kSpin = std::chrono::microseconds(100);
constexpr int kStateBits = 16;  // state_ = generation << 16 | threads taking part
constexpr uint64_t kStateMask = (uint64_t(1) << kStateBits) - 1;
constexpr uint64_t kClosed = uint64_t(1) << (kStateBits - 1);  // in entry_
constexpr uint64_t kEnteredMask = kClosed - 1;
constexpr int kMaxThreads = 1 << 14;  // workers entered are counted in 15 bits of entry_

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
    left_.store(0, std::memory_order_relaxed);
    job_.store(&job, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lk(mu_);  // a worker about to sleep sees the new generation
      const uint64_t gen = (state_.load(std::memory_order_relaxed) >> kStateBits) + 1;
      entry_.store(gen << kStateBits, std::memory_order_relaxed);
      state_.store(gen << kStateBits | uint64_t(nworkers + 1), std::memory_order_release);
    }
    cv_.notify_all();  // a sleeper that does not take part goes back to sleep at once
    work(job, 0);
    // Every chunk done (those the workers took included), then close the entry and wait for the
    // workers that entered to leave.
    wait_until([&] { return job.done.load(std::memory_order_acquire) == job.nchunks; });
    const uint64_t entered = entry_.fetch_or(kClosed, std::memory_order_acq_rel) & kEnteredMask;
    wait_until([&] { return uint64_t(left_.load(std::memory_order_acquire)) == entered; });
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
      if ((e >> kStateBits) != gen || (e & kClosed)) return false;
      if (entry_.compare_exchange_weak(e, e + 1, std::memory_order_acq_rel,
                                       std::memory_order_acquire))
        return true;
    }
  }

  static void work(Job& job, int worker) {  // NOLINT: runs on the caller and on workers
    for (;;) {
      int c = job.next.fetch_add(1);
      if (c >= job.nchunks) return;
      int64_t b = c * job.chunk, e = b + job.chunk < job.n ? b + job.chunk : job.n;
      try {
        (*job.f)(b, e, worker);
      } catch (...) {
        std::lock_guard<std::mutex> lk(job.error_mu);
        if (!job.error) job.error = std::current_exception();
      }
      job.done.fetch_add(1);
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
      left_.fetch_add(1, std::memory_order_release);
    }
  }

  int size_ = 1;
  std::vector<std::thread> threads_;
  std::mutex mu_, run_mu_;
  std::condition_variable cv_;
  std::atomic<Job*> job_{nullptr};
  std::atomic<uint64_t> state_{0};
  std::atomic<uint64_t> entry_{0};
  std::atomic<int> left_{0};
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
