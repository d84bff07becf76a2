package io.nash.cli;

import io.nash.spark.Doctor;
import io.nash.spark.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nash doctor}: checks Spark and DJL on the executors of the configured master. */
@Command(
    name = "doctor",
    showDefaultValues = true,
    description = "Check the installation: run DJL PyTorch tasks on Spark executors.")
final class DoctorCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(
      names = "--master",
      description = "Spark master (ignored under spark-submit).",
      defaultValue = "local[2]")
  String master;

  @Option(names = "--tasks", description = "Number of probe tasks.", defaultValue = "2")
  int tasks;

  @Override
  public Integer call() throws Exception {
    if (tasks < 1) {
      throw new IllegalArgumentException("--tasks = " + tasks + ": must be >= 1");
    }
    try (SparkSession spark = SparkSessions.create(master, "nash doctor", java.util.Map.of())) {
      System.out.println("Spark " + spark.version() + ", master " + spark.sparkContext().master());
      for (Doctor.Probe p : Doctor.run(spark, tasks)) {
        System.out.println("  " + p);
      }
      System.out.println("doctor: OK");
    }
    return 0;
  }
}
