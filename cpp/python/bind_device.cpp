// Units: detection results, the per-thread `using` stack, and the support matrix read off the
// op registry.
#include <nanobind/stl/string.h>

#include "core/reduce.h"
#include "python/convert.h"

namespace hc::py {

void bind_device(nb::module_& m) {
  m.def("unit_status", [](const std::string& name) {
    Device d = parse_device(name);
    const UnitStatus& st = unit_status(d.unit);
    nb::dict r;
    r["present"] = st.present;
    r["backend"] = st.backend;
    r["usable"] = unit_usable(d);
    r["count"] = st.count;
    r["reason"] = st.reason;
    r["detail"] = st.detail;
    return r;
  }, "What detection found for a unit: present, backend built, usable, count, reason, detail.");
  m.def("_push_device", [](const std::string& name) {
    Device d = parse_device(name);
    check_usable(d, "using");
    push_device(d);
  });
  m.def("_pop_device", []() { pop_device(); });
  m.def("_current_device", []() -> nb::object {
    const Device* d = current_device();
    if (!d) return nb::none();
    return nb::str(d->str().c_str());
  });
  m.def("_route", [](nb::handle device) { return device_arg(device, nullptr, "route").str(); },
        nb::arg("device").none(), "The unit a call with this device= would run on.");
  m.def("check_supported", [](const std::string& op, const std::string& device, nb::handle a,
                              nb::handle b) {
    int id = find_op(op);
    if (id < 0) throw ValueError("check_supported: unknown op " + op);
    DType ta = dtype_from(a, op.c_str());
    DType tb = b.is_none() ? ta : dtype_from(b, op.c_str());
    check_supported(id, parse_device(device), ta, tb);
  }, nb::arg("op"), nb::arg("device"), nb::arg("dtype"), nb::arg("dtype2") = nb::none(),
     "Raises the TypeError a call of op on that unit with those dtypes would raise (whether or "
     "not the unit is present); returns None when the unit has a loop.");
  m.def("support_matrix", []() {
    // {op: {unit: [dtype codes]}}, elementwise ops then reductions (named "<op>.reduce").
    nb::dict out;
    for (int i = 0; i < num_ops(); ++i) {
      const OpInfo& op = op_info(i);
      nb::dict units;
      for (int u = 0; u < kNumUnits; ++u) {
        nb::list codes;
        for (int t = 0; t < kNumDTypes; ++t)
          if (op.loops[u][t].fn) codes.append(t);
        if (nb::len(codes)) units[unit_name(Unit(u))] = codes;
      }
      out[op.name.c_str()] = units;
    }
    for (int i = 0; i < num_reduce_ops(); ++i) {
      const ReduceOp& op = reduce_op(i);
      nb::dict units;
      for (int u = 0; u < kNumUnits; ++u) {
        nb::list codes;
        for (int t = 0; t < kNumDTypes; ++t)
          if (op.loops[u][t]) codes.append(t);
        if (nb::len(codes)) units[unit_name(Unit(u))] = codes;
      }
      out[(op.name + ".reduce").c_str()] = units;
    }
    return out;
  });
}

}  // namespace hc::py
