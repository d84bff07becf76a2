/**
 * The NASH supernet on DJL's PyTorch engine: binarized convolutions with the straight-through and
 * Bi-Real gradients ({@code Binarize}), the candidate ops and NASH groups, the supernet with its
 * weight, architecture and evaluation passes ({@code Supernet}, {@code SupernetSpec}, {@code
 * SampledPath}), the fused architecture-gradient computation ({@code ArchEdges}, {@code
 * ArchProbe}), the JVM-wide autograd lock ({@code Autograd}) and the process-wide libtorch settings
 * ({@code TorchRuntime}). See nash-method.md sections 1 and 2.
 *
 * <p>Dependencies: may import {@code space} and DJL. The quantized final network is in {@code
 * nn.child}, its layers in {@code nn.quant} and its export in {@code nn.export}.
 */
package io.nash.nn;
