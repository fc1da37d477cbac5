// Registration entry points of the CPU kernel families (one file each).
#pragma once

namespace hc::cpu {
void register_arithmetic();  // add, subtract, multiply, ... (elementwise_arith.cpp)
void register_comparison();  // equal, less, ... logical_* (elementwise_compare.cpp)
void register_bitwise();     // bitwise_* (elementwise_bitwise.cpp)
void register_cbrt();       // cbrt (elementwise_cbrt.cpp; called by register_arithmetic)
void register_math();        // exp, sin, sqrt, ... (elementwise_math.cpp)
void register_rounding();
void register_reduce();     // sum, prod, max, min, any, all (reduce.cpp)    // floor, ceil, trunc, round, sign, ... (elementwise_rounding.cpp)
}  // namespace hc::cpu
