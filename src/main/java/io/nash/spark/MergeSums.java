package io.nash.spark;

import io.nash.search.dist.GradientSum;
import org.apache.spark.api.java.function.Function2;

/** treeAggregate's sequence and combine function: adds the right sum into the left. Stateless. */
public final class MergeSums implements Function2<GradientSum, GradientSum, GradientSum> {
  private static final long serialVersionUID = 1L;

  @Override
  public GradientSum call(GradientSum a, GradientSum b) {
    return a.merge(b);
  }
}
