package io.nash.cli;

import io.nash.Version;
import io.nash.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nash} command line: one subcommand per pipeline stage. Every option shows its default
 * in {@code --help}. Exit codes: 0 success, 1 failure, 2 bad usage or settings.
 */
@Command(
    name = "nash",
    mixinStandardHelpOptions = true,
    versionProvider = NashCli.VersionProvider.class,
    description =
        "NASH on Spark: distributed neural architecture search for FINN FPGA accelerators.",
    subcommands = {
      GenotypeCommand.class,
      SettingsCommand.class,
      DevicesCommand.class,
      DoctorCommand.class,
      ParetoCommand.class,
      RunCommand.Demo.class,
      RunCommand.class,
      RunCommand.Search.class,
      SweepCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      HwEstimateCommand.class,
      SynthesizeCommand.class,
      ExportCommand.class
    })
public final class NashCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with the project's defaults (help shows defaults, errors exit 2). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NashCli());
    cl.setUsageHelpAutoWidth(true);
    cl.setResourceBundle(JobOptions.defaultsBundle()); // defaults of the settings flags' help
    cl.setDefaultValueProvider(new SchemaDefaults()); // flags bound to a setting: its default
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          StoreException store = storeProblem(ex);
          if (store != null) {
            cmd.getErr().println("nash " + cmd.getCommandName() + ": " + store.getMessage());
            if (verbose(parsed)) {
              ex.printStackTrace(cmd.getErr());
            }
            return 1;
          }
          if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("nash " + cmd.getCommandName() + ": " + ex.getMessage());
            return 2;
          }
          cmd.getErr().println("nash " + cmd.getCommandName() + " failed: " + ex);
          ex.printStackTrace(cmd.getErr());
          return 1;
        });
    return cl;
  }

  /** The store problem behind {@code ex}, if any (it may arrive wrapped, e.g. by Spark). */
  static StoreException storeProblem(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StoreException s) {
        return s;
      }
    }
    return null;
  }

  /** Whether {@code --verbose} was given to the command or any of its parents. */
  static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nash " + Version.current() + " (Java " + Runtime.version() + ")"};
    }
  }
}
