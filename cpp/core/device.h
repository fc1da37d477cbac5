// Compute units: the tag, detection of what this machine has, and the per-thread unit stack
// that `hc.using(...)` pushes. Routing (which unit runs a call) is route_device() below.
#pragma once
#include <cstdint>
#include <string>

namespace hc {

enum class Unit : uint8_t { CPU, AMX, Metal, ANE, CUDA };
constexpr int kNumUnits = 5;

struct Device {
  Unit unit = Unit::CPU;
  int index = 0;
  bool automatic = false;  // chosen by device="auto": an op this unit lacks falls back to the CPU
  bool operator==(const Device& o) const { return unit == o.unit && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }
  std::string str() const;
};

const char* unit_name(Unit u);
// Parses "cpu", "amx", "metal", "ane", "cuda", "cuda:N"; ValueError listing the valid names.
// "auto" gives the best usable unit (see best_unit) marked automatic.
Device parse_device(const std::string& s);
// device="auto": the first usable unit in the order cuda, metal, amx, ane, cpu.
Device best_unit();

// What detection found for a unit. `present`: the hardware and its driver/framework answer on
// this machine. `backend`: this build has kernels for it. A unit is usable when both hold.
struct UnitStatus {
  bool present = false;
  bool backend = false;
  int count = 0;         // devices of this unit (CUDA GPUs), 1 for the others when present
  std::string reason;    // why it is absent or unusable ("needs macOS on Apple Silicon", ...)
  std::string detail;    // what was found (driver version, GPU count, ...)
};
const UnitStatus& unit_status(Unit u);  // detected once, then cached
bool unit_usable(const Device& d);
// Throws ValueError "<unit>: not available on this machine (<reason>)" naming fn first.
void check_usable(const Device& d, const char* fn);

// Per-thread stack of units set by `with hc.using(device):`.
void push_device(const Device& d);
void pop_device();
const Device* current_device();  // nullptr when no `using` block is active on this thread

// The unit a call runs on: its device= keyword, else the innermost `using` block, else its
// operands' device, else the CPU. The result is checked to be usable.
Device route_device(const Device* keyword, const Device* operand, const char* fn);

}  // namespace hc
