package io.nash.nn.quant;

/** A quantized layer's stable name, held once for every layer kind. */
abstract class NamedLayer implements QuantLayer {
  private final String name;

  NamedLayer(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }
}
