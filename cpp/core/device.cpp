#include "core/device.h"

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
  static const char* kValid = "valid names are 'cpu', 'amx', 'metal', 'ane', 'cuda' and 'cuda:N'";
  Device d;
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

}  // namespace hc
