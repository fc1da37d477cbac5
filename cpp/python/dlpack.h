// The DLPack C ABI (versions 0.x "dltensor" and 1.x "dltensor_versioned"), written from the
// DLPack specification. Only the layouts and constants hcarray needs; they must match the ABI
// byte for byte, so every field keeps its specified C type and order.
#pragma once
#include <cstdint>

namespace hc::dl {

constexpr uint32_t kMajorVersion = 1;
constexpr uint32_t kMinorVersion = 0;

// DLDeviceType (a C enum: int-sized).
enum DeviceType : int32_t {
  kCPU = 1,
  kCUDA = 2,
  kCUDAHost = 3,
  kOpenCL = 4,
  kVulkan = 7,
  kMetal = 8,
  kVPI = 9,
  kROCM = 10,
  kROCMHost = 11,
  kExtDev = 12,
  kCUDAManaged = 13,
  kOneAPI = 14,
  kWebGPU = 15,
  kHexagon = 16,
  kMAIA = 17,
};

// DLDataTypeCode.
enum TypeCode : uint8_t {
  kInt = 0,
  kUInt = 1,
  kFloat = 2,
  kOpaqueHandle = 3,
  kBfloat = 4,
  kComplex = 5,
  kBool = 6,
};

struct Device {
  int32_t device_type;  // DeviceType
  int32_t device_id;
};

struct DataType {
  uint8_t code;    // TypeCode
  uint8_t bits;    // bits per lane
  uint16_t lanes;  // 1 for scalars
};

struct Tensor {
  void* data;
  Device device;
  int32_t ndim;
  DataType dtype;
  int64_t* shape;
  int64_t* strides;  // in elements; NULL means C-contiguous
  uint64_t byte_offset;
};

// Legacy (pre-1.0) managed tensor, in a capsule named "dltensor".
struct ManagedTensor {
  Tensor dl_tensor;
  void* manager_ctx;
  void (*deleter)(ManagedTensor* self);
};

struct PackVersion {
  uint32_t major;
  uint32_t minor;
};

// Bits of ManagedTensorVersioned::flags.
constexpr uint64_t kFlagReadOnly = uint64_t(1) << 0;
constexpr uint64_t kFlagIsCopied = uint64_t(1) << 1;
constexpr uint64_t kFlagIsSubbyteTypePadded = uint64_t(1) << 2;

// DLPack 1.x managed tensor, in a capsule named "dltensor_versioned".
struct ManagedTensorVersioned {
  PackVersion version;
  void* manager_ctx;
  void (*deleter)(ManagedTensorVersioned* self);
  uint64_t flags;
  Tensor dl_tensor;
};

// Capsule names.
constexpr const char* kCapsule = "dltensor";
constexpr const char* kUsedCapsule = "used_dltensor";
constexpr const char* kCapsuleVersioned = "dltensor_versioned";
constexpr const char* kUsedCapsuleVersioned = "used_dltensor_versioned";

static_assert(sizeof(Device) == 8, "DLDevice layout");
static_assert(sizeof(DataType) == 4, "DLDataType layout");
static_assert(sizeof(Tensor) == 48, "DLTensor layout");
static_assert(sizeof(ManagedTensor) == 64, "DLManagedTensor layout");
static_assert(sizeof(ManagedTensorVersioned) == 80, "DLManagedTensorVersioned layout");

}  // namespace hc::dl
