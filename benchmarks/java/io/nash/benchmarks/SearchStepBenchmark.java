package io.nash.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.nash.nn.SampledPath;
import io.nash.nn.StepGradients;
import io.nash.nn.Supernet;
import io.nash.nn.SupernetSpec;
import io.nash.optim.Adam;
import io.nash.optim.FlatOptimizer;
import io.nash.optim.SgdMomentum;
import io.nash.search.engine.Schedules;
import io.nash.search.engine.SearchSettings;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.space.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Throughput of a NASH search step and of each half, against a plain ResNet18 training step of the
 * same width and batch (3x32x32 inputs, 10 classes), printed as JSON lines. Each step includes the
 * search driver's optimizers ({@link Adam} on alpha; clipping and {@link SgdMomentum} on the flat
 * weights, paper settings of {@link SearchSettings#defaults}) and the reload of the changed
 * tensors, as one partition of {@code io.nash.search.engine.SearchDriver} runs it; path seeds come
 * from {@link Seeds} as the driver's do. The driver's per-round flat copy of the whole state and
 * the engine's shipping are not included (benchmarks/spark-rounds.sh measures those).
 *
 * <p>Effective MACs count the multiply-accumulates of the convs and the classifier a step really
 * runs ({@link Supernet#stepMacs}): forward MACs x 3 (forward, input gradient, weight gradient) for
 * the weight step and the plain step; for the architecture step the forward of the backbone and
 * every candidate plus the input gradients of the backbone and each edge's sampled op (weights
 * frozen; the unsampled candidates' backward is exactly zero and is not run).
 *
 * <p>Arguments: {@code threads widths(comma) batch warmup iterations [version]}.
 */
public final class SearchStepBenchmark {
  private SearchStepBenchmark() {}

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    String[] widths = args[1].split(",");
    int batch = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int iters = Integer.parseInt(args[4]);
    NashVersion version = NashVersion.fromName(args.length > 5 ? args[5] : "v1");
    Engine.getInstance();
    JniUtils.setNumThreads(threads);
    for (String w : widths) {
      run(Integer.parseInt(w), batch, warmup, iters, threads, version);
    }
  }

  /** The flat weights of one network and the optimizer state over them. */
  private static final class Flat {
    final float[] w;
    final int[] offsets;
    final FlatOptimizer sgd;

    Flat(float[][] parts, SearchSettings cfg) {
      offsets = new int[parts.length + 1];
      for (int i = 0; i < parts.length; i++) {
        offsets[i + 1] = offsets[i] + parts[i].length;
      }
      w = new float[offsets[parts.length]];
      for (int i = 0; i < parts.length; i++) {
        System.arraycopy(parts[i], 0, w, offsets[i], parts[i].length);
      }
      sgd = new FlatOptimizer(new SgdMomentum(cfg.momentum(), cfg.weightDecay()), w.length);
    }

    /**
     * Clip, SGD on the touched tensors, reload them into {@code net} (the driver's weight half).
     */
    void apply(Supernet net, StepGradients g, SearchSettings cfg) {
      TreeMap<Integer, float[]> grads = new TreeMap<>();
      for (int k = 0; k < g.tensors().length; k++) {
        grads.put(g.tensors()[k], g.grads()[k]);
      }
      Schedules.clipNorm(grads, cfg.gradClip());
      float[][] changed = new float[g.tensors().length][];
      for (int k = 0; k < changed.length; k++) {
        int t = g.tensors()[k];
        int len = offsets[t + 1] - offsets[t];
        sgd.update(w, offsets[t], grads.get(t), len, cfg.weightLr());
        changed[k] = Arrays.copyOfRange(w, offsets[t], offsets[t] + len);
      }
      net.loadWeights(g.tensors(), changed);
    }
  }

  private static void run(int width, int batch, int warmup, int iters, int threads, NashVersion v) {
    SearchSettings cfg =
        SearchSettings.builder("bench")
            .seed(2)
            .rounds(10)
            .partitions(1)
            .localSteps(1)
            .batchSize(batch)
            .build();
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, v, width, 3, 32, 10);
    float[] x = new float[batch * 3 * 32 * 32];
    int[] y = new int[batch];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < batch; i++) {
      y[i] = r.nextInt(10);
    }
    double archS = 0;
    double weightS = 0;
    double plainS = 0;
    long archMacs = 0;
    long weightMacs = 0;
    long plainMacs = 0;
    try (Supernet net = Supernet.build(spec);
        Supernet plain = Supernet.build(spec.asPlain())) {
      float[] alpha = ArchWeights.init(Backbone.RESNET18, v, 3).flat();
      FlatOptimizer adam =
          new FlatOptimizer(
              new Adam(cfg.alphaBeta1(), cfg.alphaBeta2(), 1e-8, cfg.alphaWeightDecay()),
              alpha.length);
      Flat state = new Flat(net.initialWeights(2), cfg);
      Flat plainState = new Flat(plain.initialWeights(2), cfg);
      net.loadWeights(net.initialWeights(2));
      plain.loadWeights(plain.initialWeights(2));
      for (int it = 0; it < warmup + iters; it++) {
        long pathSeed = Seeds.path(cfg.seed(), it, Seeds.SHARED);
        long archSeed = Seeds.archPath(pathSeed, 0);
        long weightSeed = Seeds.weightPath(pathSeed, 0);
        long t0 = System.nanoTime();
        net.loadAlpha(alpha);
        SampledPath archPath = SampledPath.sample(alpha, spec.opCount(), archSeed);
        StepGradients a = net.archGradients(x, y, archPath);
        adam.update(alpha, 0, a.alphaGrad(), alpha.length, cfg.alphaLr());
        long t1 = System.nanoTime();
        SampledPath weightPath = SampledPath.sample(alpha, spec.opCount(), weightSeed);
        state.apply(net, net.weightGradients(x, y, weightPath), cfg);
        long t2 = System.nanoTime();
        SampledPath none = SampledPath.uniform(Backbone.RESNET18, v, 0);
        plainState.apply(plain, plain.weightGradients(x, y, none), cfg);
        long t3 = System.nanoTime();
        if (it >= warmup) {
          archS += (t1 - t0) / 1e9;
          weightS += (t2 - t1) / 1e9;
          plainS += (t3 - t2) / 1e9;
          archMacs += batch * net.stepMacs(Supernet.Mode.ARCH, archPath);
          weightMacs += batch * net.stepMacs(Supernet.Mode.WEIGHT, weightPath);
          plainMacs += batch * plain.stepMacs(Supernet.Mode.WEIGHT, none);
        }
      }
    }
    double images = (double) batch * iters;
    double plainRate = plainMacs / plainS;
    print(
        "plain_resnet18_step",
        width,
        batch,
        threads,
        v,
        images / plainS,
        plainMacs / iters,
        plainRate,
        1.0);
    print(
        "weight_step",
        width,
        batch,
        threads,
        v,
        images / weightS,
        weightMacs / iters,
        weightMacs / weightS,
        weightMacs / weightS / plainRate);
    print(
        "arch_step",
        width,
        batch,
        threads,
        v,
        images / archS,
        archMacs / iters,
        archMacs / archS,
        archMacs / archS / plainRate);
    print(
        "search_step",
        width,
        batch,
        threads,
        v,
        images / (archS + weightS),
        (archMacs + weightMacs) / iters,
        (archMacs + weightMacs) / (archS + weightS),
        (archMacs + weightMacs) / (archS + weightS) / plainRate);
  }

  private static void print(
      String what,
      int width,
      int batch,
      int threads,
      NashVersion v,
      double imagesPerS,
      long macsPerStep,
      double macPerS,
      double ratio) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"bench\":\"%s\",\"version\":\"%s\",\"width\":%d,\"batch\":%d,\"threads\":%d,"
                + "\"images_per_s\":%.2f,\"macs_per_step\":%d,\"effective_gmac_per_s\":%.3f,"
                + "\"ratio_to_plain\":%.3f}",
            what,
            v,
            width,
            batch,
            threads,
            imagesPerS,
            macsPerStep,
            macPerS / 1e9,
            ratio));
  }
}
