package io.nash.nn.quant;

import java.util.List;

/** A quantized layer without tensors (activations, pools): an empty param list. */
abstract class ParamFreeLayer extends NamedLayer {
  ParamFreeLayer(String name) {
    super(name);
  }

  @Override
  public final List<Param> params() {
    return List.of();
  }
}
