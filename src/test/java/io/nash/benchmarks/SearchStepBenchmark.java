package io.nash.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.nash.nn.SampledPath;
import io.nash.nn.Seeds;
import io.nash.nn.StepGradients;
import io.nash.nn.Supernet;
import io.nash.nn.SupernetSpec;
import io.nash.search.NashStep;
import io.nash.search.SearchSettings;
import io.nash.search.SearchState;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of a NASH search step and of each half, against a plain ResNet18 training step of the
 * same width and batch (3x32x32 inputs, 10 classes), printed as JSON lines. Each step includes the
 * optimizer on flat arrays and the reload of the changed tensors, as the searcher runs it.
 *
 * <p>Effective MACs count the multiply-accumulates of the convs and the classifier a step really
 * runs: forward MACs x 3 (forward, input gradient, weight gradient) for the weight step and the
 * plain step; x 2 for the architecture step (weights are frozen: no weight gradients). The weight
 * step's forward runs the backbone plus the sampled op of each edge; the architecture step's every
 * candidate.
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

  private static void run(int width, int batch, int warmup, int iters, int threads, NashVersion v) {
    SearchSettings cfg =
        SearchSettings.defaults()
            .withBackbone(Backbone.RESNET18, v, width)
            .withRun(10, batch, 0, 2);
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
      SearchState state = SearchState.initial("bench", 2, net.initialWeights(2), alpha);
      SearchState plainState = SearchState.initial("plain", 2, plain.initialWeights(2), alpha);
      net.loadWeights(state.weights());
      plain.loadWeights(plainState.weights());
      for (int it = 0; it < warmup + iters; it++) {
        long archSeed = Seeds.mix(2, it, 1);
        long weightSeed = Seeds.mix(2, it, 2);
        long t0 = System.nanoTime();
        StepGradients a = NashStep.archGradients(net, state.alpha(), x, y, archSeed);
        NashStep.applyArch(state, a.alphaGrad(), cfg);
        long t1 = System.nanoTime();
        StepGradients g = NashStep.weightGradients(net, state.alpha(), x, y, weightSeed);
        NashStep.applyWeights(state, g.tensors(), g.grads(), cfg, 0);
        net.loadWeights(g.tensors(), pick(state.weights(), g.tensors()));
        long t2 = System.nanoTime();
        SampledPath none = SampledPath.uniform(Backbone.RESNET18, v, 0);
        StepGradients p = plain.weightGradients(x, y, none);
        NashStep.applyWeights(plainState, p.tensors(), p.grads(), cfg, 0);
        plain.loadWeights(p.tensors(), pick(plainState.weights(), p.tensors()));
        long t3 = System.nanoTime();
        if (it >= warmup) {
          archS += (t1 - t0) / 1e9;
          weightS += (t2 - t1) / 1e9;
          plainS += (t3 - t2) / 1e9;
          SampledPath archPath = SampledPath.sample(state.alpha(), spec.opCount(), archSeed);
          SampledPath weightPath = SampledPath.sample(state.alpha(), spec.opCount(), weightSeed);
          archMacs += 2 * batch * net.forwardMacs(Supernet.Mode.ARCH, archPath);
          weightMacs += 3 * batch * net.forwardMacs(Supernet.Mode.WEIGHT, weightPath);
          plainMacs += 3 * batch * plain.forwardMacs(Supernet.Mode.WEIGHT, none);
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

  private static float[][] pick(float[][] all, int[] ids) {
    float[][] out = new float[ids.length][];
    for (int k = 0; k < ids.length; k++) {
      out[k] = all[ids[k]];
    }
    return out;
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
