#include "core/device.h"

#include <dlfcn.h>

#include <cstdlib>

#include <vector>

#include "core/dtype.h"

namespace hc {

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::CPU: return "cpu";
    case Unit::AMX: return "amx";
    case Unit::Metal: return "metal";
    case Unit::ANE: return "ane";
    case Unit::CUDA: return "cuda";
  }
  return "?";
}

std::string Device::str() const {
  std::string s = unit_name(unit);
  if (unit == Unit::CUDA) s += ":" + std::to_string(index);
  return s;
}

Device parse_device(const std::string& s) {
  static const char* kValid =
      "valid names are 'cpu', 'amx', 'metal', 'ane', 'cuda', 'cuda:N' and 'auto'";
  Device d;
  if (s == "auto") return best_unit();
  if (s == "cpu") d.unit = Unit::CPU;
  else if (s == "amx") d.unit = Unit::AMX;
  else if (s == "metal") d.unit = Unit::Metal;
  else if (s == "ane") d.unit = Unit::ANE;
  else if (s == "cuda") d.unit = Unit::CUDA;
  else if (s.rfind("cuda:", 0) == 0) {
    d.unit = Unit::CUDA;
    std::string n = s.substr(5);
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos)
      throw ValueError("Device: unknown device '" + s + "'; " + kValid);
    d.index = std::stoi(n);
  } else {
    throw ValueError("Device: unknown device '" + s + "'; " + kValid);
  }
  return d;
}

namespace {

// Apple units: the frameworks are loaded at run time (dlopen), so this file builds everywhere
// and the "absent" answer is exercised on every Linux run.
UnitStatus detect_apple(Unit u) {
  UnitStatus st;
#if defined(__APPLE__) && defined(__aarch64__)
  const char* path = nullptr;
  switch (u) {
    case Unit::Metal: path = "/System/Library/Frameworks/Metal.framework/Metal"; break;
    case Unit::ANE:
      path = "/System/Library/PrivateFrameworks/AppleNeuralEngine.framework/AppleNeuralEngine";
      break;
    default: break;  // AMX: part of every Apple Silicon CPU core
  }
  if (path) {
    void* h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
    st.present = h != nullptr;
    if (!h) st.reason = std::string("cannot load ") + path;
  } else {
    st.present = true;
  }
  st.count = st.present ? 1 : 0;
  if (st.present) st.reason = "no hcarray backend for this unit in this build yet";
#else
  (void)u;
  st.reason = "needs macOS on Apple Silicon";
#endif
  return st;
}

// CUDA: probe the driver library and count GPUs, without linking against it.
UnitStatus detect_cuda() {
  UnitStatus st;
#if defined(__APPLE__)
  st.reason = "no CUDA on macOS";
  return st;
#else
  void* h = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (!h) {
    st.reason = "no NVIDIA driver found: libcuda.so.1 cannot be loaded";
    return st;
  }
  using InitFn = int (*)(unsigned);
  using CountFn = int (*)(int*);
  using VersionFn = int (*)(int*);
  auto init = reinterpret_cast<InitFn>(dlsym(h, "cuInit"));
  auto count = reinterpret_cast<CountFn>(dlsym(h, "cuDeviceGetCount"));
  auto version = reinterpret_cast<VersionFn>(dlsym(h, "cuDriverGetVersion"));
  if (!init || !count) {
    st.reason = "libcuda.so.1 lacks cuInit/cuDeviceGetCount";
    return st;
  }
  int rc = init(0);
  if (rc != 0) {
    st.reason = "cuInit failed with CUDA error " + std::to_string(rc);
    return st;
  }
  int n = 0;
  if (count(&n) != 0 || n == 0) {
    st.reason = "the NVIDIA driver reports no GPU";
    return st;
  }
  int v = 0;
  if (version) version(&v);
  st.present = true;
  st.count = n;
  st.detail = std::to_string(n) + " GPU(s), driver API " + std::to_string(v / 1000) + "." +
              std::to_string((v % 1000) / 10);
  st.reason = "no hcarray CUDA backend in this build yet";
  return st;
#endif
}

std::vector<UnitStatus> detect_all() {
  std::vector<UnitStatus> v(kNumUnits);
  v[int(Unit::CPU)].present = true;
  v[int(Unit::CPU)].backend = true;
  v[int(Unit::CPU)].count = 1;
  v[int(Unit::AMX)] = detect_apple(Unit::AMX);
  v[int(Unit::Metal)] = detect_apple(Unit::Metal);
  v[int(Unit::ANE)] = detect_apple(Unit::ANE);
  v[int(Unit::CUDA)] = detect_cuda();
  // HCARRAY_FAKE_UNITS=metal,cuda marks units usable with no kernels, so that routing and its
  // errors can be tested on machines without them (calls routed there raise "not supported").
  if (const char* fake = std::getenv("HCARRAY_FAKE_UNITS")) {
    std::string list = fake;
    for (int u = 1; u < kNumUnits; ++u) {
      std::string n = unit_name(Unit(u));
      if (("," + list + ",").find("," + n + ",") == std::string::npos) continue;
      v[u].present = v[u].backend = true;
      v[u].count = 1;
      v[u].reason = "fake unit for tests (HCARRAY_FAKE_UNITS): no kernels";
    }
  }
  return v;
}

thread_local std::vector<Device> t_stack;

}  // namespace

const UnitStatus& unit_status(Unit u) {
  static const std::vector<UnitStatus> all = detect_all();
  return all[int(u)];
}

bool unit_usable(const Device& d) {
  const UnitStatus& st = unit_status(d.unit);
  return st.present && st.backend && d.index < st.count;
}

void check_usable(const Device& d, const char* fn) {
  if (unit_usable(d)) return;
  const UnitStatus& st = unit_status(d.unit);
  std::string why = st.reason;
  if (st.present && st.backend && d.index >= st.count)
    why = "this machine has " + std::to_string(st.count) + " " + unit_name(d.unit) + " device(s)";
  throw ValueError(std::string(fn) + ": " + d.str() + ": not available on this machine (" + why + ")");
}

Device best_unit() {
  static const Unit order[] = {Unit::CUDA, Unit::Metal, Unit::AMX, Unit::ANE, Unit::CPU};
  for (Unit u : order) {
    Device d;
    d.unit = u;
    if (unit_usable(d)) {
      d.automatic = true;
      return d;
    }
  }
  return Device();
}

void push_device(const Device& d) { t_stack.push_back(d); }
void pop_device() {
  if (!t_stack.empty()) t_stack.pop_back();
}
const Device* current_device() { return t_stack.empty() ? nullptr : &t_stack.back(); }

Device route_device(const Device* keyword, const Device* operand, const char* fn) {
  Device d;
  if (keyword) d = *keyword;
  else if (const Device* cur = current_device()) d = *cur;
  else if (operand) d = *operand;
  if (d.unit != Unit::CPU) check_usable(d, fn);
  return d;
}

}  // namespace hc
