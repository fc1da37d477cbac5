#include "core/parallel.h"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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

class Pool {
 public:
  Pool() {
    int n = int(std::thread::hardware_concurrency());
    if (const char* env = std::getenv("HCARRAY_NUM_THREADS")) {
      int v = std::atoi(env);
      if (v >= 1) n = v;
    }
    size_ = n < 1 ? 1 : n;
  }
  ~Pool() { stop(); }

  int size() const { return size_; }

  void resize(int n) {
    std::lock_guard<std::mutex> run(run_mu_);
    stop();
    size_ = n;
  }

  void run(Job& job) {
    std::lock_guard<std::mutex> run(run_mu_);  // one parallel op at a time; nested calls run inline
    in_worker_ = true;  // the caller takes chunks too: a parallel_for inside one runs inline
    struct Reset { ~Reset() { in_worker_ = false; } } reset;
    start();
    {
      std::lock_guard<std::mutex> lk(mu_);
      job_ = &job;
      ++generation_;
    }
    cv_.notify_all();
    work(job, 0);
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return job.done.load() == job.nchunks && busy_ == 0; });
    job_ = nullptr;
  }

  bool busy_here() const { return in_worker_; }

 private:
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
    quit_ = false;
    for (int i = 1; i < size_; ++i) threads_.emplace_back([this, i] { loop(i); });
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      quit_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  void loop(int worker) {
    in_worker_ = true;
    uint64_t seen = 0;
    for (;;) {
      Job* job;
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [&] { return quit_ || (job_ && generation_ != seen); });
        if (quit_) return;
        seen = generation_;
        job = job_;
        ++busy_;
      }
      work(*job, worker);
      {
        std::lock_guard<std::mutex> lk(mu_);
        --busy_;
      }
      done_cv_.notify_all();
    }
  }

  int size_ = 1;
  std::vector<std::thread> threads_;
  std::mutex mu_, run_mu_;
  std::condition_variable cv_, done_cv_;
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  int busy_ = 0;
  bool quit_ = false;
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
