// Prints what hcarray's unit detection finds on this machine, without Python: used to check
// the CUDA probe on a machine with a GPU (tools/probe_units.sh).
#include <cstdio>

#include "core/device.h"

int main() {
  using namespace hc;
  for (int u = 0; u < kNumUnits; ++u) {
    const UnitStatus& st = unit_status(Unit(u));
    Device d;
    d.unit = Unit(u);
    std::printf("%-6s present=%d backend=%d usable=%d count=%d reason=\"%s\" detail=\"%s\"\n",
                unit_name(Unit(u)), st.present, st.backend, unit_usable(d), st.count,
                st.reason.c_str(), st.detail.c_str());
  }
  return 0;
}
