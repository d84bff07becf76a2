/**
 * ONNX protobuf files written and read from plain Java, without generated classes: a small
 * immutable model of a graph ({@link io.nash.hw.onnx.OnnxModel} and its parts), an encoder on
 * protobuf-java's {@code CodedOutputStream} ({@link io.nash.hw.onnx.OnnxWriter}), a decoder on
 * {@code CodedInputStream} ({@link io.nash.hw.onnx.OnnxReader}) and a builder that names tensors
 * and nodes ({@link io.nash.hw.onnx.GraphBuilder}). Field numbers follow onnx.proto (the project's
 * finn-reference.md section 6.4); {@link io.nash.hw.onnx.OnnxFields} holds them.
 *
 * <p>Plain Java with no Spark or DJL imports; the exporter that walks a trained DJL network lives
 * in {@code io.nash.nn.export} and only hands finished values to this package.
 */
package io.nash.hw.onnx;
