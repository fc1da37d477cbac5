// Compute units. Routing among them lives in registry.h; this is only the tag.
#pragma once
#include <string>

namespace hc {

enum class Unit : uint8_t { CPU, AMX, Metal, ANE, CUDA };
constexpr int kNumUnits = 5;

struct Device {
  Unit unit = Unit::CPU;
  int index = 0;
  bool operator==(const Device& o) const { return unit == o.unit && index == o.index; }
  bool operator!=(const Device& o) const { return !(*this == o); }
  std::string str() const;
};

const char* unit_name(Unit u);
// Parses "cpu", "amx", "metal", "ane", "cuda", "cuda:N"; ValueError listing the valid names.
Device parse_device(const std::string& s);

}  // namespace hc
