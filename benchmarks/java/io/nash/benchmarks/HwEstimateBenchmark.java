package io.nash.benchmarks;

import io.nash.hw.SetFolding;

import io.nash.hw.Lowering;

import io.nash.hw.HwGraph;

import io.nash.hw.HardwareEstimator;

import io.nash.hw.FoldingGoal;

import io.nash.hw.Estimator;

import io.nash.hw.DeviceCatalog;

import io.nash.hw.Device;

import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.GroupSpec;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark: candidates per second for lowering + both foldings + estimating random ResNet18
 * ImageNet genotypes (3x224x224, 1000 classes, nash-paper, U250 at 5 ns, fit-device) on one thread.
 * Prints JSON lines. Arguments: {@code [candidates] [seed]}.
 */
public final class HwEstimateBenchmark {
  private HwEstimateBenchmark() {}

  /** A random genotype of {@code version} (uniform op and input per node). */
  static Genotype random(NashVersion v, Random rnd) {
    List<List<Node>> groups = new ArrayList<>();
    for (GroupSpec g : Backbone.RESNET18.groups()) {
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < g.steps(); i++) {
        List<Op> ops = v.ops().subList(1, v.ops().size()); // parse never picks none
        nodes.add(new Node(ops.get(rnd.nextInt(ops.size())), rnd.nextInt(i + 1)));
      }
      groups.add(nodes);
    }
    return new Genotype(Backbone.RESNET18, v, groups);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    Random rnd = new Random(seed);
    Device d = DeviceCatalog.builtIn().get("U250");
    ImageShape in = ImageShape.parse("3x224x224");
    List<Architecture> cands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cands.add(Architecture.of(random(NashVersion.values()[i % 4], rnd)));
    }
    for (int i = 0; i < Math.min(n, 40); i++) { // warm-up (JIT)
      HardwareEstimator.estimate(
          cands.get(i), QuantSpec.NASH_PAPER, in, 1000, d, 5.0, FoldingGoal.ofFitDevice());
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double fpsSum = 0;
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (Architecture a : cands) {
      fpsSum +=
          HardwareEstimator.estimate(
                  a, QuantSpec.NASH_PAPER, in, 1000, d, 5.0, FoldingGoal.ofFitDevice())
              .fps();
    }
    line(
        "hw-estimate",
        n,
        t0,
        c0,
        mx,
        String.format(java.util.Locale.ROOT, ",\"mean_fps\":%.2f", fpsSum / n));
    long c1 = mx.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    for (Architecture a : cands) {
      HwGraph g = Lowering.lower(a, QuantSpec.NASH_PAPER, in, 1000, d.dspType());
      Estimator.estimate(
          SetFolding.apply(g, SetFolding.targetCycles(5.0, 300), 36, true), d.dspType(), 5.0);
    }
    line("hw-lower-setfolding-estimate", n, t1, c1, mx, "");
  }

  private static void line(
      String name, int n, long t0, long c0, java.lang.management.ThreadMXBean mx, String extra) {
    double sec = (System.nanoTime() - t0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf(
        java.util.Locale.ROOT,
        "{\"benchmark\":\"%s\",\"candidates\":%d,\"seconds\":%.3f,\"cpu_seconds\":%.3f,"
            + "\"candidates_per_second\":%.1f,\"candidates_per_cpu_second\":%.1f,"
            + "\"device\":\"U250\",\"input\":\"3x224x224\",\"threads\":1%s}%n",
        name,
        n,
        sec,
        cpu,
        n / sec,
        n / cpu,
        extra);
  }
}
