package io.nash.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.nash.data.Batch;
import io.nash.data.DataSplits;
import io.nash.data.DatasetSpec;
import io.nash.data.ImageDataset;
import io.nash.data.Normalization;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.child.NetworkStats;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.SpaceJson;
import io.nash.store.Store;
import java.util.Iterator;

/**
 * Top-1, top-5 and test loss of a child network on a test split, in order, with BN running
 * statistics ({@code forward(x, false)}), in batches inside per-batch scopes. Stateless.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Evaluates {@code net} on {@code test} (already normalized) in batches of {@code batchSize}. */
  public static Evaluation evaluate(ChildNetwork net, ImageDataset test, int batchSize) {
    int classes = net.config().classes();
    double lossSum = 0;
    long top1 = 0;
    long top5 = 0;
    NDManager parent = net.params().get(0).array().getManager();
    Iterator<Batch> it = test.batchesInOrder(batchSize, false);
    while (it.hasNext()) {
      Batch b = it.next();
      try (NDManager sub = parent.newSubManager();
          NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray logits = net.forward(sub.create(b.x(), new Shape(b.nchw())), false);
        lossSum += Losses.crossEntropy(logits, b.y(), 0).getFloat() * b.size();
        float[] l = logits.toFloatArray();
        top1 += TopK.hits(l, classes, b.y(), 1);
        top5 += classes >= 5 ? TopK.hits(l, classes, b.y(), 5) : 0;
      }
    }
    long n = test.size();
    if (n == 0) {
      throw new IllegalArgumentException("test split of " + test.name() + " is empty");
    }
    NetworkStats st = net.stats();
    return new Evaluation(
        (double) top1 / n,
        classes >= 5 ? (double) top5 / n : null,
        lossSum / n,
        n,
        st.parameters(),
        st.macs(),
        st.weightBits());
  }

  /**
   * Evaluates a checkpoint: {@code checkpointDir} is a training output dir (its newest complete
   * checkpoint is used) or one checkpoint unit. The network is rebuilt from the checkpoint's
   * architecture and settings and normalized as in training; {@code dataSpec} (null: the training
   * dataset) supplies the test split, cut to the training test-limit only when dataSpec is null.
   */
  public static Evaluation evaluate(Store store, String checkpointDir, String dataSpec) {
    Checkpoint c =
        Checkpoint.newest(store, checkpointDir)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "checkpoint = '"
                            + store.uriOf(checkpointDir)
                            + "': no committed checkpoint there or under its checkpoint/ folder"));
    Checkpoint.Meta m = c.meta();
    TrainSettings s = TrainSettings.fromMap(m.settings());
    DataSplits raw = DatasetSpec.parse(dataSpec == null ? s.data() : dataSpec).load();
    ImageDataset test = raw.test();
    if (dataSpec == null && s.testLimit() > 0) {
      test = test.limit(s.testLimit());
    }
    ImageShape in = new ImageShape(m.input()[0], m.input()[1], m.input()[2]);
    var shape = test.shape();
    if (shape.channels() != in.channels()
        || shape.height() != in.height()
        || shape.width() != in.width()
        || test.numClasses() != m.classes()) {
      throw new IllegalArgumentException(
          "data = '"
              + (dataSpec == null ? s.data() : dataSpec)
              + "': "
              + shape
              + " images with "
              + test.numClasses()
              + " classes, but the checkpoint was trained on "
              + in
              + " with "
              + m.classes());
    }
    test = test.normalized(Normalization.of(m.normMean(), m.normStd()));
    Architecture arch = SpaceJson.parseArchitecture(m.architectureJson());
    try (NDManager base = NDManager.newBaseManager();
        ChildNetwork net =
            ChildNetwork.build(
                new ChildConfig(arch, s.quantSpec(), s.width(), in, m.classes()), base, s.seed())) {
      net.load(c.withPrefix(Trainer.NET_PREFIX), true);
      return evaluate(net, test, s.batchSize());
    }
  }
}
