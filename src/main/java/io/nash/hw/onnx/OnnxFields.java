package io.nash.hw.onnx;

/**
 * Field numbers and enum values of onnx.proto (proto2) used by {@link OnnxWriter} and {@link
 * OnnxReader}; finn-reference.md section 6.4 lists them with their sources. Constants only.
 */
final class OnnxFields {
  private OnnxFields() {}

  // ModelProto
  static final int MODEL_IR_VERSION = 1;
  static final int MODEL_PRODUCER_NAME = 2;
  static final int MODEL_PRODUCER_VERSION = 3;
  static final int MODEL_DOMAIN = 4;
  static final int MODEL_VERSION = 5;
  static final int MODEL_DOC_STRING = 6;
  static final int MODEL_GRAPH = 7;
  static final int MODEL_OPSET_IMPORT = 8;
  static final int MODEL_METADATA_PROPS = 14;

  // OperatorSetIdProto
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;

  // GraphProto
  static final int GRAPH_NODE = 1;
  static final int GRAPH_NAME = 2;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_DOC_STRING = 10;
  static final int GRAPH_INPUT = 11;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  static final int GRAPH_QUANTIZATION_ANNOTATION = 14;

  // NodeProto
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_ATTRIBUTE = 5;
  static final int NODE_DOC_STRING = 6;
  static final int NODE_DOMAIN = 7;

  // AttributeProto
  static final int ATTR_NAME = 1;
  static final int ATTR_F = 2;
  static final int ATTR_I = 3;
  static final int ATTR_S = 4;
  static final int ATTR_T = 5;
  static final int ATTR_FLOATS = 7;
  static final int ATTR_INTS = 8;
  static final int ATTR_STRINGS = 9;
  static final int ATTR_TYPE = 20;

  // TensorProto
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_FLOAT_DATA = 4;
  static final int TENSOR_INT32_DATA = 5;
  static final int TENSOR_INT64_DATA = 7;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_RAW_DATA = 9;

  // TensorProto.DataType
  static final int DT_FLOAT = 1;
  static final int DT_INT32 = 6;
  static final int DT_INT64 = 7;

  // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, Dimension
  static final int VALUE_INFO_NAME = 1;
  static final int VALUE_INFO_TYPE = 2;
  static final int TYPE_TENSOR_TYPE = 1;
  static final int TENSOR_TYPE_ELEM_TYPE = 1;
  static final int TENSOR_TYPE_SHAPE = 2;
  static final int SHAPE_DIM = 1;
  static final int DIM_VALUE = 1;
  static final int DIM_PARAM = 2;

  // StringStringEntryProto, TensorAnnotation
  static final int ENTRY_KEY = 1;
  static final int ENTRY_VALUE = 2;
  static final int ANNOTATION_TENSOR_NAME = 1;
  static final int ANNOTATION_QUANT_PARAMETER_TENSOR_NAMES = 2;
}
